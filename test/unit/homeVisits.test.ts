// T4's rules (src/domain/homeVisits.ts): when a newborn family's visit is due and overdue, and that a visit counts
// only once the family has confirmed it.
import { describe, expect, it } from 'vitest';
import { visitCoverage, visitDueBy, visitState } from '../../src/domain/homeVisits.ts';
import { defaultPolicy } from '../../src/domain/policy.ts';

const policy = defaultPolicy(); // 60 days
const born = '2026-10-01';

describe('visitDueBy', () => {
  it('60 days after the birth by default, never past the first year', () => {
    expect(visitDueBy(born, policy)).toBe('2026-11-30');
    expect(visitDueBy(born, { 'visit.withinDays': 365 })).toBe('2027-09-30');
  });
});

describe('visitState', () => {
  it('due until the due day, then overdue with nothing recorded', () => {
    expect(visitState({ birthDate: born, visits: [] }, '2026-11-30', policy)).toBe('due');
    expect(visitState({ birthDate: born, visits: [] }, '2026-12-01', policy)).toBe('overdue');
  });
  it('a scheduled visit does not stop it being overdue once the day has passed', () => {
    const scheduled = { birthDate: born, visits: [{ status: 'scheduled' as const, familyConfirmed: false }] };
    expect(visitState(scheduled, '2026-11-01', policy)).toBe('scheduled');
    expect(visitState(scheduled, '2026-12-01', policy)).toBe('overdue');
  });
  it('a visit recorded but not confirmed waits for the family; confirmed, it counts', () => {
    expect(visitState({ birthDate: born, visits: [{ status: 'done', familyConfirmed: false }] }, '2026-12-20', policy)).toBe(
      'awaitingConfirmation',
    );
    expect(visitState({ birthDate: born, visits: [{ status: 'done', familyConfirmed: true }] }, '2026-12-20', policy)).toBe('confirmed');
  });
  it('a cancelled visit is as if none were made', () => {
    expect(visitState({ birthDate: born, visits: [{ status: 'cancelled', familyConfirmed: false }] }, '2026-11-01', policy)).toBe('due');
  });
});

describe('visitCoverage', () => {
  it('counts each family once, by its state', () => {
    const c = visitCoverage(
      [
        {
          birthDate: born,
          visits: [
            { status: 'done', familyConfirmed: true },
            { status: 'done', familyConfirmed: false },
          ],
        },
        { birthDate: born, visits: [{ status: 'done', familyConfirmed: false }] },
        { birthDate: born, visits: [] },
        { birthDate: '2026-11-20', visits: [] },
      ],
      '2026-12-05',
      policy,
    );
    expect(c).toEqual({ families: 4, confirmed: 1, awaitingConfirmation: 1, scheduled: 0, due: 1, overdue: 1 });
  });
});
