// The booking screens' reads (sessions, my bookings, free-session balances, houses nearby), cached by URL and
// shared by every screen that shows them: a screen shows what it has at once and asks again in the background;
// after a booking, a cancellation or an accepted offer, refresh() brings every screen up to date. The cache
// belongs to one signed-in user: another sign-in starts empty.
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { get, ApiError } from '../../common/api.ts';
import type { Entitlement, MyBooking } from '../../common/bookingTypes.ts';
import { useSession } from '../session.tsx';

interface Entry {
  data?: unknown;
  error?: ApiError;
  loading: boolean;
}

let owner: string | null | undefined;
let entries = new Map<string, Entry>();
const inflight = new Map<string, Promise<void>>();
const listeners = new Set<() => void>();
const notify = () => {
  for (const l of listeners) l();
};

function subscribe(l: () => void) {
  listeners.add(l);
  return () => {
    listeners.delete(l);
  };
}

function put(path: string, next: Partial<Entry>) {
  entries = new Map(entries);
  entries.set(path, { ...(entries.get(path) ?? { loading: false }), ...next });
  notify();
}

/** Fetches a path (once at a time) and stores the answer or the error. */
export function load(path: string): Promise<void> {
  const running = inflight.get(path);
  if (running) return running;
  const mine = owner;
  put(path, { loading: true });
  const p = get<unknown>(path)
    .then((data) => {
      if (owner === mine) put(path, { data, error: undefined, loading: false });
    })
    .catch((err) => {
      if (owner === mine) put(path, { error: err instanceof ApiError ? err : new ApiError(0, 'INTERNAL', String(err)), loading: false });
    })
    .finally(() => inflight.delete(path));
  inflight.set(path, p);
  return p;
}

/** Asks again for every cached path starting with one of the prefixes (e.g. after a booking changed). */
export function refresh(...prefixes: string[]): Promise<void> {
  const paths = [...entries.keys()].filter((k) => prefixes.some((p) => k.startsWith(p)));
  return Promise.all(paths.map((p) => load(p))).then(() => undefined);
}

/** Everything a booking touches: seats, the family's bookings, the free-session balances. */
export const refreshAfterBooking = () => refresh('/api/sessions', '/api/bookings', '/api/children/');

/** A cached GET: the data at once when known (refetched on mount), the error, whether it loads, reload(). */
export function useApi<T>(path: string | null) {
  const { me } = useSession();
  const userId = me ? me.user.id : me;
  if (owner !== userId) {
    owner = userId;
    entries = new Map();
    inflight.clear();
  }
  const entry = useSyncExternalStore(subscribe, () => (path ? entries.get(path) : undefined));
  useEffect(() => {
    if (path && userId !== undefined) void load(path);
  }, [path, userId]);
  const reload = useCallback(() => (path ? load(path) : Promise.resolve()), [path]);
  return {
    data: entry?.data as T | undefined,
    error: entry?.data === undefined ? (entry?.error ?? null) : null,
    loading: entry?.loading ?? !!path,
    reload,
  };
}

export const upcomingPath = '/api/bookings?scope=upcoming';
export const pastPath = '/api/bookings?scope=past';
export const entitlementPath = (childId: string, year: number | string) => `/api/children/${childId}/entitlement?year=${year}`;

/** The family's coming bookings (confirmed, waiting, offered, and those the house cancelled). */
export const useUpcomingBookings = (enabled = true) => useApi<MyBooking[]>(enabled ? upcomingPath : null);

/** A child's free sessions in a year (T3). */
export const useEntitlement = (childId: string | null, year: number | string) =>
  useApi<Entitlement>(childId ? entitlementPath(childId, year) : null);

/** Bookings still holding or waiting for a seat. */
export const isLive = (b: MyBooking) => b.status === 'confirmed' || b.status === 'waitlisted' || b.status === 'offered';
