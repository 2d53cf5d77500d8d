// Console incidents page texts (English); same keys as incidents.zh-CN.ts.
import type { incidentsZhCN } from './incidents.zh-CN.ts';
import type { Widen } from '../zh-CN.ts';

export const incidentsEn: Widen<typeof incidentsZhCN> = {
  title: '',
};
