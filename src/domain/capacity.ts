// Legal capacity of a room and of a session (DOMAIN.md R3–R5, §3 "Capacity of a session").

export interface CapacityRules {
  /** R3: usable square metres per child present. */
  minAreaPerChildM2: number;
  /** R4: children per class (one session in one room). */
  maxClassSize: number;
  /** R5: children per carer on duty. */
  childrenPerCarer: number;
}

export type CapacityTerm = 'classSize' | 'area' | 'carers' | 'offered';

export interface Capacity {
  capacity: number;
  /** The term that sets the capacity (the first in order classSize, area, carers, offered on a tie). */
  binding: CapacityTerm;
  terms: Partial<Record<CapacityTerm, number>>;
}

function smallest(terms: Partial<Record<CapacityTerm, number>>): Capacity {
  let binding: CapacityTerm = 'classSize';
  let capacity = Number.POSITIVE_INFINITY;
  for (const [term, value] of Object.entries(terms) as [CapacityTerm, number][]) {
    if (value < capacity) {
      capacity = value;
      binding = term;
    }
  }
  return { capacity: Math.max(0, capacity), binding, terms };
}

/** The most children a room may ever hold: min(R4, floor(area / R3)). */
export function roomLegalCapacity(areaM2: number, rules: CapacityRules): Capacity {
  // Round the quotient to 6 decimals first so 60.0 / 3 is never 19.999…
  const byArea = Math.floor(Math.round((areaM2 / rules.minAreaPerChildM2) * 1e6) / 1e6);
  return smallest({ classSize: rules.maxClassSize, area: byArea });
}

/** A session's capacity: min(R4, floor(area / R3), R5 × carers on duty, the capacity the house offers). */
export function sessionCapacity(input: { areaM2: number; carersOnDuty: number; offeredCapacity: number }, rules: CapacityRules): Capacity {
  const room = roomLegalCapacity(input.areaM2, rules);
  return smallest({
    ...room.terms,
    carers: Math.max(0, input.carersOnDuty) * rules.childrenPerCarer,
    offered: input.offeredCapacity,
  });
}

export interface LiveRatio {
  /** The most children the room may hold right now: min(R4, ⌊area/R3⌋, R5 × carers on duty). */
  maxChildren: number;
  /** The rules that the children present break (empty: the room is within the standard). */
  breaches: ('R3' | 'R4' | 'R5')[];
  ok: boolean;
}

const RULE_OF_TERM = { area: 'R3', classSize: 'R4', carers: 'R5' } as const;

/** The live check of a session in progress: children present against the room and the carers on duty (R3–R5). */
export function liveRatio(input: { present: number; carersOnDuty: number; areaM2: number }, rules: CapacityRules): LiveRatio {
  const room = roomLegalCapacity(input.areaM2, rules);
  const terms = { ...room.terms, carers: Math.max(0, input.carersOnDuty) * rules.childrenPerCarer } as Record<
    'area' | 'classSize' | 'carers',
    number
  >;
  const breaches = (Object.keys(RULE_OF_TERM) as (keyof typeof RULE_OF_TERM)[])
    .filter((term) => input.present > terms[term])
    .map((term) => RULE_OF_TERM[term]);
  return { maxChildren: Math.min(terms.area, terms.classSize, terms.carers), breaches, ok: breaches.length === 0 };
}
