// Text for the front ends: zh-CN first, English second. Each front end adds its own catalogue of screen texts
// (console/i18n, h5/i18n) on top of the shared one (roles, errors, facilities… in src/shared/i18n).
import { translate, type Locale } from '../../shared/i18n/index.ts';

export const locale: Locale = localStorage.getItem('bbw.lang') === 'en' ? 'en' : 'zh-CN';

type Catalogue = Record<string, unknown>;

function lookup(catalogue: Catalogue, key: string): unknown {
  let node: unknown = catalogue;
  for (const part of key.split('.')) node = node && typeof node === 'object' ? (node as Catalogue)[part] : undefined;
  return node;
}

/** A t() that looks in the front end's own catalogue first, then in the shared one. */
export function createT(own: Record<Locale, Catalogue>) {
  return function t(key: string, params?: Record<string, string | number>): string {
    const found = lookup(own[locale], key) ?? lookup(own['zh-CN'], key);
    if (typeof found === 'string') {
      return params ? found.replace(/\{(\w+)\}/g, (_, n: string) => String(params[n] ?? `{${n}}`)) : found;
    }
    return translate(locale, key, params);
  };
}

export { formatDateZh, formatPlainDateZh, formatDateTimeZh, formatYuan, maskIdNumber, maskPhone, formatArea } from '../../shared/format.ts';
