// Console staff page texts (English); same keys as staff.zh-CN.ts.
import type { staffZhCN } from './staff.zh-CN.ts';
import type { Widen } from '../zh-CN.ts';

export const staffEn: Widen<typeof staffZhCN> = {
  title: '',
};
