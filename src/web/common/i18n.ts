// Text for the front ends: zh-CN first (the catalogue is shared with the server).
import { translate, type Locale } from '../../shared/i18n/index.ts';

const locale: Locale = navigator.language?.toLowerCase().startsWith('en') && localStorage.getItem('bbw.lang') === 'en' ? 'en' : 'zh-CN';

export function t(key: string, params?: Record<string, string | number>): string {
  return translate(locale, key, params);
}

export { formatDateZh, formatDateTimeZh, formatYuan, maskIdNumber, maskPhone, formatArea } from '../../shared/format.ts';
