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
export function sessionCapacity(
  input: { areaM2: number; carersOnDuty: number; offeredCapacity: number },
  rules: CapacityRules,
): Capacity {
  const room = roomLegalCapacity(input.areaM2, rules);
  return smallest({
    ...room.terms,
    carers: Math.max(0, input.carersOnDuty) * rules.childrenPerCarer,
    offered: input.offeredCapacity,
  });
}
