// The nudge rules of src/domain/nudges.ts: from the middle of the year, a family with a child below half of the free
// care sessions, or below half of the guidance sessions, may be reminded — once a month of each kind.
import { describe, expect, it } from 'vitest';
import { behind, careBehind, careUsage, guidanceBehind, monthOf, nudgeWindow, planNudges } from '../../src/domain/nudges.ts';

describe('when reminders may be sent (nudgeWindow)', () => {
  it('not before the year is half over', () => {
    expect(nudgeWindow(2026, '2026-01-01')).toBe('tooEarly');
    expect(nudgeWindow(2026, '2026-07-01')).toBe('tooEarly'); // day 182 of 365: just short of half
    expect(nudgeWindow(2026, '2026-07-02')).toBe('open'); // day 183
    expect(nudgeWindow(2026, '2026-12-31')).toBe('open');
  });
  it('not for a year that has not begun or is over', () => {
    expect(nudgeWindow(2027, '2026-12-01')).toBe('tooEarly');
    expect(nudgeWindow(2025, '2026-03-01')).toBe('over');
  });
  it('a leap year is half over on its 183rd day, 1 July', () => {
    expect(nudgeWindow(2028, '2028-06-30')).toBe('tooEarly'); // day 182 of 366
    expect(nudgeWindow(2028, '2028-07-01')).toBe('open'); // day 183 of 366: exactly half
  });
});

describe('who is behind', () => {
  it('fewer than half: 5 of 12 is behind, 6 of 12 is not; 4 of 10 is, 5 of 10 is not', () => {
    expect(behind(5, 12)).toBe(true);
    expect(behind(6, 12)).toBe(false);
    expect(behind(4, 10)).toBe(true);
    expect(behind(5, 10)).toBe(false);
    expect(behind(0, 12)).toBe(true);
    expect(behind(3, 7)).toBe(true); // 3.5 is half of 7
    expect(behind(4, 7)).toBe(false);
  });

  it('care: a family is behind when any of its children is; its count is the fewest', () => {
    const families = careBehind(
      [
        { familyId: 'a', childId: 'a1', name: '甲', sessions: 12 },
        { familyId: 'a', childId: 'a2', name: '乙', sessions: 2 },
        { familyId: 'b', childId: 'b1', name: '丙', sessions: 6 },
        { familyId: 'c', childId: 'c1', name: '丁', sessions: 5 },
        { familyId: 'c', childId: 'c2', name: '戊', sessions: 1 },
      ],
      12,
    );
    expect(families).toEqual([
      { familyId: 'a', used: 2, children: [{ childId: 'a2', name: '乙', sessions: 2 }] },
      {
        familyId: 'c',
        used: 1,
        children: [
          { childId: 'c2', name: '戊', sessions: 1 },
          { childId: 'c1', name: '丁', sessions: 5 },
        ],
      },
    ]);
  });

  it('guidance: families below half of the year’s sessions, twins counted once (the family is the unit)', () => {
    expect(
      guidanceBehind(
        [
          { familyId: 'twins', sessions: 4 },
          { familyId: 'b', sessions: 5 },
          { familyId: 'c', sessions: 0 },
        ],
        10,
      ).map((f) => [f.familyId, f.used]),
    ).toEqual([
      ['twins', 4],
      ['c', 0],
    ]);
  });

  it('a parameter changed to 8 sessions moves the line to 4', () => {
    expect(guidanceBehind([{ familyId: 'x', sessions: 4 }], 8)).toEqual([]);
    expect(guidanceBehind([{ familyId: 'x', sessions: 3 }], 8)).toHaveLength(1);
  });
});

describe('what the message says and the month it counts in', () => {
  it('one child: used of due; several: each named', () => {
    expect(careUsage([{ name: '小明', sessions: 3 }], 12)).toBe('3/12');
    expect(
      careUsage(
        [
          { name: '小明', sessions: 3 },
          { name: '小红', sessions: 4 },
        ],
        12,
      ),
    ).toBe('小明 3/12 次、小红 4/12'); // …已使用 小明 3/12 次、小红 4/12 次免费托育服务
  });
  it('the calendar month, by its first day', () => {
    expect(monthOf('2026-07-31')).toBe('2026-07-01');
    expect(monthOf('2026-08-01')).toBe('2026-08-01');
  });
});

describe('which of the asked families are sent (planNudges)', () => {
  it('sends to the eligible, reachable and not yet reminded; says why not for the others, each family once', () => {
    const plan = planNudges(['a', 'b', 'c', 'd', 'a', 'e'], new Set(['a', 'b', 'c', 'e']), new Set(['b']), new Set(['a', 'b', 'e']));
    expect(plan.send).toEqual(['a', 'e']);
    expect(plan.skipped).toEqual([
      { familyId: 'b', reason: 'alreadyReminded' },
      { familyId: 'c', reason: 'unreachable' },
      { familyId: 'd', reason: 'notEligible' },
    ]);
  });
});
