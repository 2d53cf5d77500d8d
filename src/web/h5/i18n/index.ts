// t() of the parent H5: its own texts first, then the shared ones (facilities.*, weekdays, errors.*, common.*).
import { createT, locale } from '../../common/i18n.ts';
import { h5ZhCN } from './zh-CN.ts';
import { h5En } from './en.ts';

export const t = createT({ 'zh-CN': h5ZhCN, en: h5En });
export { locale };
