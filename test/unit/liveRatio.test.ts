// Unit tests for the live ratio of a session in progress (DOMAIN.md R3–R5, src/domain/capacity.ts liveRatio).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { liveRatio, type CapacityRules } from '../../src/domain/capacity.ts';
import { complianceRulesFrom } from '../../src/domain/compliance.ts';
import { defaultPolicy } from '../../src/domain/policy.ts';

const rules: CapacityRules = { minAreaPerChildM2: 3, maxClassSize: 20, childrenPerCarer: 5 };

describe('liveRatio', () => {
  it('uses the default policy’s 3 m², 20 children and 1 : 5', () => {
    expect(complianceRulesFrom(defaultPolicy()).capacity).toEqual(rules);
  });

  it('R3: the area binds in a small room', () => {
    // 30 m² → 10 children; 4 carers → 20; class size 20.
    expect(liveRatio({ present: 10, carersOnDuty: 4, areaM2: 30 }, rules)).toEqual({ maxChildren: 10, breaches: [], ok: true });
    expect(liveRatio({ present: 11, carersOnDuty: 4, areaM2: 30 }, rules)).toEqual({ maxChildren: 10, breaches: ['R3'], ok: false });
  });
  it('R3: a part of a square metre does not make room for a child', () => {
    expect(liveRatio({ present: 10, carersOnDuty: 4, areaM2: 32.9 }, rules)).toEqual({ maxChildren: 10, breaches: [], ok: true });
    expect(liveRatio({ present: 11, carersOnDuty: 4, areaM2: 32.9 }, rules)).toEqual({ maxChildren: 10, breaches: ['R3'], ok: false });
    expect(liveRatio({ present: 11, carersOnDuty: 4, areaM2: 33 }, rules)).toEqual({ maxChildren: 11, breaches: [], ok: true });
  });
  it('R3: does not lose a child to floating point (60 m² holds 20)', () => {
    expect(liveRatio({ present: 20, carersOnDuty: 4, areaM2: 60 }, rules)).toEqual({ maxChildren: 20, breaches: [], ok: true });
    expect(liveRatio({ present: 10, carersOnDuty: 4, areaM2: 3 }, { ...rules, minAreaPerChildM2: 0.3 })).toEqual({
      maxChildren: 10,
      breaches: [],
      ok: true,
    });
  });

  it('R4: the class size binds in a large room with enough carers', () => {
    // 90 m² → 30; 5 carers → 25; class size 20.
    expect(liveRatio({ present: 20, carersOnDuty: 5, areaM2: 90 }, rules)).toEqual({ maxChildren: 20, breaches: [], ok: true });
    expect(liveRatio({ present: 21, carersOnDuty: 5, areaM2: 90 }, rules)).toEqual({ maxChildren: 20, breaches: ['R4'], ok: false });
  });

  it('R5: the carers on duty bind', () => {
    // 62 m² → 20; 2 carers → 10.
    expect(liveRatio({ present: 10, carersOnDuty: 2, areaM2: 62 }, rules)).toEqual({ maxChildren: 10, breaches: [], ok: true });
    expect(liveRatio({ present: 11, carersOnDuty: 2, areaM2: 62 }, rules)).toEqual({ maxChildren: 10, breaches: ['R5'], ok: false });
    expect(liveRatio({ present: 6, carersOnDuty: 1, areaM2: 62 }, rules)).toEqual({ maxChildren: 5, breaches: ['R5'], ok: false });
  });
  it('R5: with no carer on duty no child may be present', () => {
    expect(liveRatio({ present: 0, carersOnDuty: 0, areaM2: 62 }, rules)).toEqual({ maxChildren: 0, breaches: [], ok: true });
    expect(liveRatio({ present: 1, carersOnDuty: 0, areaM2: 62 }, rules)).toEqual({ maxChildren: 0, breaches: ['R5'], ok: false });
  });
  it('R5: a negative count of carers is taken as none', () => {
    expect(liveRatio({ present: 1, carersOnDuty: -2, areaM2: 62 }, rules)).toEqual({ maxChildren: 0, breaches: ['R5'], ok: false });
  });

  it('names every rule broken, in the order R3, R4, R5', () => {
    // 30 m² → 10; 1 carer → 5; class 20: 21 children break all three.
    expect(liveRatio({ present: 21, carersOnDuty: 1, areaM2: 30 }, rules)).toEqual({
      maxChildren: 5,
      breaches: ['R3', 'R4', 'R5'],
      ok: false,
    });
    // 11 children break area and carers but not class size.
    expect(liveRatio({ present: 11, carersOnDuty: 2, areaM2: 30 }, rules)).toEqual({ maxChildren: 10, breaches: ['R3', 'R5'], ok: false });
    // 25 children in a large room with 5 carers: class size only.
    expect(liveRatio({ present: 25, carersOnDuty: 5, areaM2: 100 }, rules)).toEqual({ maxChildren: 20, breaches: ['R4'], ok: false });
  });

  it('is ok exactly at the limit of each term at once', () => {
    // 60 m² → 20, 4 carers → 20, class size 20.
    expect(liveRatio({ present: 20, carersOnDuty: 4, areaM2: 60 }, rules)).toEqual({ maxChildren: 20, breaches: [], ok: true });
    expect(liveRatio({ present: 21, carersOnDuty: 4, areaM2: 60 }, rules)).toEqual({
      maxChildren: 20,
      breaches: ['R3', 'R4', 'R5'],
      ok: false,
    });
  });

  it('follows the parameters', () => {
    expect(liveRatio({ present: 9, carersOnDuty: 2, areaM2: 62 }, { ...rules, childrenPerCarer: 4 })).toEqual({
      maxChildren: 8,
      breaches: ['R5'],
      ok: false,
    });
    expect(liveRatio({ present: 16, carersOnDuty: 4, areaM2: 90 }, { ...rules, maxClassSize: 15 })).toEqual({
      maxChildren: 15,
      breaches: ['R4'],
      ok: false,
    });
    expect(liveRatio({ present: 10, carersOnDuty: 4, areaM2: 36 }, { ...rules, minAreaPerChildM2: 4 })).toEqual({
      maxChildren: 9,
      breaches: ['R3'],
      ok: false,
    });
  });

  it('is ok exactly when the children present are at most maxChildren (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: -1, max: 12 }),
        fc.integer({ min: 0, max: 2000 }).map((n) => n / 10),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 5, max: 60 }).map((n) => n / 10),
        (present, carersOnDuty, areaM2, maxClassSize, childrenPerCarer, minAreaPerChildM2) => {
          const r = { maxClassSize, childrenPerCarer, minAreaPerChildM2 };
          const live = liveRatio({ present, carersOnDuty, areaM2 }, r);
          expect(live.ok).toBe(present <= live.maxChildren);
          expect(live.ok).toBe(live.breaches.length === 0);
          // maxChildren is the smallest of the three terms.
          const byCarers = Math.max(0, carersOnDuty) * childrenPerCarer;
          expect(live.maxChildren).toBeLessThanOrEqual(maxClassSize);
          expect(live.maxChildren).toBeLessThanOrEqual(byCarers);
          expect(live.maxChildren * minAreaPerChildM2).toBeLessThanOrEqual(areaM2 + 1e-6);
          const areaFull = (live.maxChildren + 1) * minAreaPerChildM2 > areaM2 + 1e-6;
          expect(live.maxChildren === maxClassSize || live.maxChildren === byCarers || areaFull).toBe(true);
          // Each rule is named exactly when its own term is exceeded.
          expect(live.breaches.includes('R3')).toBe(present * minAreaPerChildM2 > areaM2 + 1e-6);
          expect(live.breaches.includes('R4')).toBe(present > maxClassSize);
          expect(live.breaches.includes('R5')).toBe(present > byCarers);
          expect(live.breaches).toEqual(['R3', 'R4', 'R5'].filter((b) => live.breaches.includes(b as 'R3')));
        },
      ),
    );
  });

  it('never breaks a rule when present equals maxChildren, and always when it is one more (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 1000 }), (carersOnDuty, areaM2) => {
        const { maxChildren } = liveRatio({ present: 0, carersOnDuty, areaM2 }, rules);
        expect(liveRatio({ present: maxChildren, carersOnDuty, areaM2 }, rules)).toEqual({ maxChildren, breaches: [], ok: true });
        const over = liveRatio({ present: maxChildren + 1, carersOnDuty, areaM2 }, rules);
        expect(over.ok).toBe(false);
        expect(over.breaches.length).toBeGreaterThan(0);
      }),
    );
  });
});
