import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { roomLegalCapacity, sessionCapacity } from '../../src/domain/capacity.ts';

const rules = { minAreaPerChildM2: 3, maxClassSize: 20, childrenPerCarer: 5 };

describe('room legal capacity (R3, R4)', () => {
  it('is bounded by area at 3 m² per child', () => {
    expect(roomLegalCapacity(40, rules)).toMatchObject({ capacity: 13, binding: 'area' });
    expect(roomLegalCapacity(36, rules)).toMatchObject({ capacity: 12, binding: 'area' });
  });
  it('is bounded by the class size of 20 in a large room', () => {
    expect(roomLegalCapacity(62, rules)).toMatchObject({ capacity: 20, binding: 'classSize' });
  });
  it('does not lose a child to floating point (60 m² → 20, 0.3 × 10)', () => {
    expect(roomLegalCapacity(60, rules).capacity).toBe(20);
    expect(roomLegalCapacity(3, { ...rules, minAreaPerChildM2: 0.3 }).capacity).toBe(10);
  });
  it('follows the parameters', () => {
    expect(roomLegalCapacity(40, { ...rules, minAreaPerChildM2: 4 }).capacity).toBe(10);
    expect(roomLegalCapacity(100, { ...rules, maxClassSize: 15 }).capacity).toBe(15);
  });
  it('never exceeds either term, and the area term is never exceeded by a child (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 2000, noNaN: true }), fc.integer({ min: 1, max: 50 }), (area, classSize) => {
        const { capacity } = roomLegalCapacity(area, { ...rules, maxClassSize: classSize });
        expect(capacity).toBeLessThanOrEqual(classSize);
        expect(capacity * 3).toBeLessThanOrEqual(area + 1e-6);
        expect((capacity + 1) * 3 > area + 1e-6 || capacity === classSize).toBe(true);
      }),
    );
  });
});

describe('session capacity (R3–R5 and the offered capacity)', () => {
  it('names the binding term', () => {
    expect(sessionCapacity({ areaM2: 62, carersOnDuty: 2, offeredCapacity: 15 }, rules)).toMatchObject({ capacity: 10, binding: 'carers' });
    expect(sessionCapacity({ areaM2: 62, carersOnDuty: 4, offeredCapacity: 15 }, rules)).toMatchObject({
      capacity: 15,
      binding: 'offered',
    });
    expect(sessionCapacity({ areaM2: 30, carersOnDuty: 4, offeredCapacity: 15 }, rules)).toMatchObject({ capacity: 10, binding: 'area' });
  });
  it('is zero with no carer on duty', () => {
    expect(sessionCapacity({ areaM2: 62, carersOnDuty: 0, offeredCapacity: 15 }, rules).capacity).toBe(0);
  });
  it('is the minimum of its terms (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 500, noNaN: true }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 30 }),
        (areaM2, carersOnDuty, offeredCapacity) => {
          const c = sessionCapacity({ areaM2, carersOnDuty, offeredCapacity }, rules);
          expect(c.capacity).toBe(Math.min(20, Math.floor(areaM2 / 3 + 1e-9), carersOnDuty * 5, offeredCapacity));
          expect(c.terms[c.binding]).toBe(c.capacity);
        },
      ),
    );
  });
});
