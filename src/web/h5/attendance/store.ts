// Today's attendance of the family's children (GET /api/family/attendance), read through the booking screens'
// cache, asked again whenever the parent comes back to the app and every minute while a child is expected or in.
// Pickup codes: the server keeps only a hash, so a code made here is held in memory (never stored on the phone)
// until it expires, to be shown again while the parent stays in the app.
import { useEffect } from 'react';
import { post } from '../../common/api.ts';
import type { FamilyAttendanceDay, PickupCode } from '../../common/opsTypes.ts';
import { useSession } from '../session.tsx';
import { refresh, useApi } from '../booking/store.ts';
import { isLiveDay } from './status.ts';

export type FamilyChildDay = FamilyAttendanceDay['children'][number];
export type FamilySessionDay = FamilyChildDay['sessions'][number];

const PREFIX = '/api/family/attendance';
export const attendancePath = (date: string) => `${PREFIX}?date=${date}`;
export const refreshAttendance = () => refresh(PREFIX);

const POLL_MS = 60_000;

/** The signed-in guardian's children today (the district's today, as the server said at sign-in). */
export function useTodayAttendance() {
  const { me } = useSession();
  const result = useApi<FamilyAttendanceDay>(me ? attendancePath(me.today) : null);
  const { data, reload } = result;
  const live = !!data && isLiveDay(data.children, Date.now());

  useEffect(() => {
    const again = () => {
      if (document.visibilityState === 'visible') void reload();
    };
    window.addEventListener('focus', again);
    document.addEventListener('visibilitychange', again);
    return () => {
      window.removeEventListener('focus', again);
      document.removeEventListener('visibilitychange', again);
    };
  }, [reload]);

  useEffect(() => {
    if (!live) return;
    const id = window.setInterval(() => {
      if (document.visibilityState === 'visible') void reload();
    }, POLL_MS);
    return () => window.clearInterval(id);
  }, [live, reload]);

  return result;
}

const held = new Map<string, PickupCode>();
const heldKey = (userId: string, childId: string) => `${userId}:${childId}`;

/** The code made on this phone for the child, while it is still the active one (same expiry) and not expired. */
export function heldPickupCode(userId: string, child: FamilyChildDay, now = Date.now()): PickupCode | null {
  const code = held.get(heldKey(userId, child.childId));
  if (!code || !child.pickupCode) return null;
  const expires = new Date(code.expiresAt).getTime();
  return expires === new Date(child.pickupCode.expiresAt).getTime() && expires > now ? code : null;
}

/** Makes a new one-time code for the child (the old one stops working) and refreshes the day. */
export async function createPickupCode(userId: string, childId: string): Promise<PickupCode> {
  const code = await post<PickupCode>(`/api/family/children/${childId}/pickup-code`);
  held.set(heldKey(userId, childId), code);
  await refreshAttendance();
  return code;
}
