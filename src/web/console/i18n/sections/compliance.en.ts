// Console compliance page texts (English); same keys as compliance.zh-CN.ts.
import type { complianceZhCN } from './compliance.zh-CN.ts';
import type { Widen } from '../zh-CN.ts';

export const complianceEn: Widen<typeof complianceZhCN> = {
  title: '',
};
