// The daily logs' checklists (the API's item keys, in the order they are shown) and the 14-day overview's window.
import type { DailyLog } from '../../../../common/opsTypes.ts';

export type LogKind = DailyLog['kind'];

export const LOG_KINDS: LogKind[] = ['disinfection', 'safety_check'];

export const CHECKLISTS: Record<LogKind, readonly string[]> = {
  disinfection: ['toys', 'surfaces', 'bedding', 'washroom', 'air'],
  safety_check: ['exits', 'electrical', 'fireEquipment', 'furniture', 'outdoor', 'cctv', 'alarm'],
};

/** How far back a log may still be recorded (the server refuses older dates). */
export const RECORD_BACK_DAYS = 7;

/** How many days the overview shows (ending today). */
export const OVERVIEW_DAYS = 14;

/** How a day stands for one kind of log: none recorded, recorded with problems, or recorded and all fine. */
export type DayState = 'missing' | 'problems' | 'ok';

export function dayState(logs: DailyLog[]): DayState {
  if (!logs.length) return 'missing';
  return logs.every((l) => l.allOk) ? 'ok' : 'problems';
}
