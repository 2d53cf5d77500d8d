import { describe, expect, it } from 'vitest';
import { placesRefusal, populationInForce } from '../../src/domain/population.ts';

const v = (streetId: string, year: number, children1to3: number, at: string) => ({
  streetId,
  year,
  children1to3,
  newborns: 100,
  recordedAt: new Date(at),
});

describe('populationInForce', () => {
  const versions = [
    v('a', 2026, 2000, '2026-01-10T02:00:00Z'),
    v('a', 2026, 2100, '2026-06-01T02:00:00Z'),
    v('a', 2025, 1900, '2026-06-02T02:00:00Z'),
    v('b', 2026, 900, '2026-01-10T02:00:00Z'),
  ];
  it('is the latest version recorded at or before the moment', () => {
    expect(populationInForce(versions, 'a', 2026, new Date('2026-03-01T00:00:00Z'))?.children1to3).toBe(2000);
    expect(populationInForce(versions, 'a', 2026, new Date('2026-06-01T02:00:00Z'))?.children1to3).toBe(2100);
    expect(populationInForce(versions, 'a', 2026, new Date('2026-12-31T00:00:00Z'))?.children1to3).toBe(2100);
  });
  it('is null before the first version, and keeps streets and years apart', () => {
    expect(populationInForce(versions, 'a', 2026, new Date('2026-01-01T00:00:00Z'))).toBeNull();
    expect(populationInForce(versions, 'a', 2025, new Date('2026-12-31T00:00:00Z'))?.children1to3).toBe(1900);
    expect(populationInForce(versions, 'b', 2026, new Date('2026-12-31T00:00:00Z'))?.children1to3).toBe(900);
    expect(populationInForce(versions, 'c', 2026, new Date('2026-12-31T00:00:00Z'))).toBeNull();
  });
  it('on equal times the later-listed version wins', () => {
    const same = [v('a', 2026, 1, '2026-02-01T00:00:00Z'), v('a', 2026, 2, '2026-02-01T00:00:00Z')];
    expect(populationInForce(same, 'a', 2026, new Date('2026-03-01T00:00:00Z'))?.children1to3).toBe(2);
  });
});

describe('placesRefusal', () => {
  it('allows up to the legal capacity and refuses above it', () => {
    expect(placesRefusal(0, 20)).toBeNull();
    expect(placesRefusal(20, 20)).toBeNull();
    expect(placesRefusal(21, 20)).toBe('PLACES_ABOVE_CAPACITY');
    expect(placesRefusal(1, 0)).toBe('PLACES_ABOVE_CAPACITY');
    expect(placesRefusal(-1, 20)).toBe('PLACES_INVALID');
    expect(placesRefusal(1.5, 20)).toBe('PLACES_INVALID');
  });
});
