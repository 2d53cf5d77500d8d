// Console attendance page texts (English); same keys as attendance.zh-CN.ts.
import type { attendanceZhCN } from './attendance.zh-CN.ts';
import type { Widen } from '../zh-CN.ts';

export const attendanceEn: Widen<typeof attendanceZhCN> = {
  title: '',
};
