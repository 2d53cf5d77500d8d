// The house's day, kept fresh: polled every 15 s while today's page is visible, and reloaded after every action.
import { useEffect } from 'react';
import { qs } from '../../../../common/api.ts';
import type { AttendanceDay } from '../../../../common/opsTypes.ts';
import { useApi } from '../../../hooks/useApi.ts';

export const POLL_MS = 15_000;

export function useAttendanceDay(houseId: string | null, date: string, live: boolean) {
  const day = useApi<AttendanceDay>(houseId ? `/api/attendance/day${qs({ houseId, date })}` : null);
  const { reload } = day;
  useEffect(() => {
    if (!live) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') reload();
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [live, reload]);
  return day;
}
