import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  bookingOpensAt,
  entitlementOf,
  isTimelyCancellation,
  offerDeadline,
  sessionPriceFen,
  suspensionAfterNoShow,
  type LedgerEntry,
} from '../../src/domain/booking.ts';
import { defaultPolicy } from '../../src/domain/policy.ts';

const policy = defaultPolicy();

describe('booking window and deadlines (§4)', () => {
  it('opens 7 days ahead at 09:00 district time', () => {
    expect(bookingOpensAt('2026-12-08', policy).toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(bookingOpensAt('2027-01-03', policy).toISOString()).toBe('2026-12-27T01:00:00.000Z');
  });
  it('returns the free session when cancelling at least 2 hours ahead', () => {
    const start = new Date('2026-12-01T06:00:00Z');
    expect(isTimelyCancellation(start, new Date('2026-12-01T04:00:00Z'), policy)).toBe(true);
    expect(isTimelyCancellation(start, new Date('2026-12-01T04:00:01Z'), policy)).toBe(false);
  });
  it('holds an offered seat 2 hours, never past the start', () => {
    const now = new Date('2026-12-01T01:00:00Z');
    expect(offerDeadline(now, new Date('2026-12-01T06:00:00Z'), policy).toISOString()).toBe('2026-12-01T03:00:00.000Z');
    expect(offerDeadline(now, new Date('2026-12-01T02:00:00Z'), policy).toISOString()).toBe('2026-12-01T02:00:00.000Z');
  });
  it('counts an offer’s hold in waking hours only (08:00–21:00 district time), never past the start (issue 10)', () => {
    const at = (local: string) => new Date(`${local}+08:00`);
    const deadline = (now: string, start: string, p = policy) => offerDeadline(at(now), at(start), p).getTime();
    // Made at 22:56: the clock starts at 08:00 and runs out at 10:00 (was 00:56).
    expect(deadline('2026-12-01T22:56:00', '2026-12-03T09:00:00')).toBe(at('2026-12-02T10:00:00').getTime());
    // Made at 20:30: half an hour that evening, an hour and a half the next morning.
    expect(deadline('2026-12-01T20:30:00', '2026-12-03T09:00:00')).toBe(at('2026-12-02T09:30:00').getTime());
    // Made before the window opens: counted from 08:00.
    expect(deadline('2026-12-02T06:10:00', '2026-12-03T09:00:00')).toBe(at('2026-12-02T10:00:00').getTime());
    // The session starts before the hold has run: the start is the deadline.
    expect(deadline('2026-12-01T22:56:00', '2026-12-02T08:30:00')).toBe(at('2026-12-02T08:30:00').getTime());
    // A long hold spans several days' windows: 20 h from 09:00 = 12 h that day, 8 h the next, to 16:00.
    expect(deadline('2026-12-01T09:00:00', '2026-12-10T09:00:00', { ...policy, 'waitlist.offerHours': 20 })).toBe(
      at('2026-12-02T16:00:00').getTime(),
    );
  });
  it('prices paid sessions by the hour', () => {
    expect(sessionPriceFen(5000, new Date('2026-12-01T01:00:00Z'), new Date('2026-12-01T03:30:00Z'))).toBe(12500);
  });
  it('suspends after 3 no-shows within 90 days, for 30 days', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    const days = (n: number) => new Date(now.getTime() - n * 86_400_000);
    expect(suspensionAfterNoShow([days(1), days(40)], now, policy)).toBeNull();
    expect(suspensionAfterNoShow([days(1), days(40), days(91)], now, policy)).toBeNull();
    expect(suspensionAfterNoShow([days(0), days(40), days(89)], now, policy)?.toISOString()).toBe('2026-12-31T12:00:00.000Z');
  });
});

describe('the free-session ledger (T3)', () => {
  // Operations on bookings as the engine applies them: confirm free (debit), cancel in time (credit), cancel late
  // or no-show (nothing). The balance must always be the sum of the entries, and never below zero remaining.
  const op = fc.record({
    booking: fc.integer({ min: 0, max: 20 }),
    kind: fc.constantFrom('confirm', 'cancelTimely', 'cancelLate', 'noShow'),
  });

  it('is the sum of its entries, one debit and at most one credit per booking', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), fc.integer({ min: 0, max: 15 }), (ops, freeTotal) => {
        const entries: LedgerEntry[] = [];
        const state = new Map<number, 'confirmed' | 'closed'>();
        for (const { booking, kind } of ops) {
          const id = `b${booking}`;
          if (kind === 'confirm' && !state.has(booking)) {
            // A seat is free only while the balance allows: otherwise it is a paid seat (no entry).
            if (entitlementOf(entries, freeTotal).remaining > 0) entries.push({ bookingId: id, amount: -1 });
            state.set(booking, 'confirmed');
          } else if (state.get(booking) === 'confirmed' && kind !== 'confirm') {
            if (kind === 'cancelTimely' && entries.some((e) => e.bookingId === id && e.amount === -1))
              entries.push({ bookingId: id, amount: 1 });
            state.set(booking, 'closed');
          }
        }
        const ent = entitlementOf(entries, freeTotal);
        expect(ent.used).toBe(-entries.reduce((s, e) => s + e.amount, 0));
        expect(ent.remaining).toBeGreaterThanOrEqual(0);
        expect(ent.used).toBeLessThanOrEqual(freeTotal);
        for (const b of new Set(entries.map((e) => e.bookingId))) {
          expect(entries.filter((e) => e.bookingId === b && e.amount === -1)).toHaveLength(1);
          expect(entries.filter((e) => e.bookingId === b && e.amount === 1).length).toBeLessThanOrEqual(1);
        }
      }),
    );
  });
});
