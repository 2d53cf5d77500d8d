// The counting rules of src/domain/targets.ts: the age window across the year, the pace through it, the places a
// street needs, the distribution bands, the month ends of a trend, and a street's to-do.
import { describe, expect, it } from 'vitest';
import {
  belowHalf,
  birthWindow,
  distribution,
  monthEnds,
  placesFigure,
  shareOfYear,
  streetTodo,
  targetStatus,
  withinBandIn,
} from '../../src/domain/targets.ts';
import { addDays } from '../../src/domain/time.ts';

describe('who is within the age band during a year (withinBandIn, birthWindow)', () => {
  it('a child turning 1 in December counts; one turning 1 next January does not', () => {
    expect(withinBandIn('2025-12-31', 2026, 12, 36)).toBe(true);
    expect(withinBandIn('2026-01-01', 2026, 12, 36)).toBe(false);
  });
  it('a child past 36 months from February still counts for January', () => {
    expect(withinBandIn('2022-12-15', 2026, 12, 36)).toBe(true); // 36 months on 1 January
    expect(withinBandIn('2022-11-30', 2026, 12, 36)).toBe(false); // 37 months on 1 January
  });
  it('the SQL window holds exactly the birth dates the rule accepts', () => {
    const { from, to } = birthWindow(2026, 12, 36);
    expect(withinBandIn(from, 2026, 12, 36)).toBe(true);
    expect(withinBandIn(addDays(from, -1), 2026, 12, 36)).toBe(false);
    expect(withinBandIn(to, 2026, 12, 36)).toBe(true);
    expect(withinBandIn(addDays(to, 1), 2026, 12, 36)).toBe(false);
    // And for a parameter changed to 18–30 months.
    const narrow = birthWindow(2026, 18, 30);
    expect(withinBandIn(narrow.from, 2026, 18, 30) && !withinBandIn(addDays(narrow.from, -1), 2026, 18, 30)).toBe(true);
    expect(withinBandIn(narrow.to, 2026, 18, 30) && !withinBandIn(addDays(narrow.to, 1), 2026, 18, 30)).toBe(true);
  });
});

describe('status against the pace of the year (targetStatus, shareOfYear)', () => {
  it('what builds up is on course when it keeps pace', () => {
    const half = shareOfYear(2026, '2026-07-02');
    expect(half).toBeCloseTo(0.5, 1);
    expect(targetStatus(0.55, 1, half, true)).toBe('met');
    expect(targetStatus(0.3, 1, half, true)).toBe('atRisk');
  });
  it('at the year’s end short is not met', () => {
    expect(shareOfYear(2026, '2027-01-15')).toBe(1);
    expect(targetStatus(0.9, 1, 1, true)).toBe('notMet');
  });
  it('a figure that does not build up is met or not', () => {
    expect(targetStatus(0.8, 1, 0.1, false)).toBe('notMet');
    expect(targetStatus(1, 1, 0.1, false)).toBe('met');
  });
  it('before the year nothing has passed', () => {
    expect(shareOfYear(2027, '2026-12-01')).toBe(0);
  });
});

describe('places a street needs (placesFigure)', () => {
  it('15 % of the resident children, rounded up, and the gap', () => {
    expect(placesFigure(30, 201, 15)).toMatchObject({ needed: 31, gap: 1 });
    expect(placesFigure(50, 200, 15)).toMatchObject({ needed: 30, gap: 0, ratio: 50 / 30 });
  });
  it('without a population figure there is no ratio', () => {
    expect(placesFigure(30, null, 15)).toMatchObject({ needed: null, ratio: null, gap: null });
  });
});

describe('distribution bands', () => {
  it('0, 1–5, 6–11, 12+ for twelve sessions', () => {
    expect(distribution([0, 0, 3, 5, 6, 11, 12, 20], 12).map((d) => [d.band, d.n])).toEqual([
      ['0', 2],
      ['1–5', 2],
      ['6–11', 2],
      ['12+', 2],
    ]);
  });
  it('0, 1–4, 5–9, 10+ for ten', () => {
    expect(distribution([4, 5, 10], 10).map((d) => d.band)).toEqual(['0', '1–4', '5–9', '10+']);
  });
});

describe('the trend’s points (monthEnds)', () => {
  it('each month end up to today, today for the month under way', () => {
    const points = monthEnds(2026, '2026-03-10');
    expect(points).toEqual(['2026-01-31', '2026-02-28', '2026-03-10']);
    expect(monthEnds(2025, '2026-03-10')).toHaveLength(12);
  });
});

describe('a street’s to-do (belowHalf, streetTodo)', () => {
  it('counts those below half of the target: 0–4 of ten, 0–5 of twelve', () => {
    expect(belowHalf(distribution([0, 3, 4, 5, 9, 10], 10), 10)).toBe(3);
    expect(belowHalf(distribution([0, 5, 6, 12], 12), 12)).toBe(2);
  });

  it('keeps only what there is some of, most pressing first', () => {
    const todo = streetTodo({
      placesGap: 4,
      placesUnset: 0,
      populationMissing: 0,
      guidanceBehind: 7,
      careNone: null,
      visitsOverdue: 1,
      registrations: 2,
    });
    expect(todo).toEqual([
      { kind: 'registrations', count: 2 },
      { kind: 'visitsOverdue', count: 1 },
      { kind: 'guidanceBehind', count: 7 },
      { kind: 'placesGap', count: 4 },
    ]);
  });
});
