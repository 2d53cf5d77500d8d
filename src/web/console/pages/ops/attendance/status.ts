// What a child's and a session's state is, read off the day the server sent (the server's clock, not the tablet's).
import { isFever } from '../../../../../domain/attendance.ts';
import { t } from '../../../i18n/index.ts';
import type { AttendanceChild, AttendanceSession } from '../../../../common/opsTypes.ts';

/** At or above the session's fever threshold (the policy's, sent with the day) the child is not admitted. */
export const hasFever = (temperature: number | null | undefined, feverFrom: number) =>
  typeof temperature === 'number' && isFever(temperature, feverFrom);
export const TEMPERATURE_MIN = 35;
export const TEMPERATURE_MAX = 42;

/** How a person on the pickup list relates to the child (the guardian's word comes from the screen's language). */
export const relationOf = (p: AttendanceChild['pickupList'][number]) => (p.isGuardian ? t('attendance.guardianRelation') : p.relation);

export type ChildStatus = 'expected' | 'present' | 'left' | 'refused';

export function childStatus(c: AttendanceChild): ChildStatus {
  const a = c.attendance;
  if (!a) return 'expected';
  if (!a.admitted) return 'refused';
  return a.checkedOutAt ? 'left' : 'present';
}

export type SessionPhase = 'cancelled' | 'upcoming' | 'running' | 'ended';

export function sessionPhase(s: AttendanceSession, now: string): SessionPhase {
  if (s.status === 'cancelled') return 'cancelled';
  const t = new Date(now).getTime();
  if (t < new Date(s.startsAt).getTime()) return 'upcoming';
  return t < new Date(s.endsAt).getTime() ? 'running' : 'ended';
}

/** The session to open first: the one running, else the next to start, else the day's last. */
export function defaultSessionId(sessions: AttendanceSession[], now: string): string | undefined {
  const live = sessions.filter((s) => s.status !== 'cancelled');
  const pool = live.length ? live : sessions;
  return (pool.find((s) => sessionPhase(s, now) === 'running') ?? pool.find((s) => sessionPhase(s, now) === 'upcoming') ?? pool.at(-1))?.id;
}

/** Counts per status, for the list's summary line. */
export function countByStatus(children: AttendanceChild[]): Record<ChildStatus, number> {
  const out: Record<ChildStatus, number> = { expected: 0, present: 0, left: 0, refused: 0 };
  for (const c of children) out[childStatus(c)]++;
  return out;
}
