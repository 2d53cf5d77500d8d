// Message look-up: t('errors.NOT_FOUND'), with {name} placeholders. zh-CN first, en second.
import { zhCN, type Messages } from './zh-CN.ts';
import { en } from './en.ts';

export type Locale = 'zh-CN' | 'en';
export const catalogs: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

export function pickLocale(acceptLanguage: string | undefined | null): Locale {
  if (!acceptLanguage) return 'zh-CN';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

export function translate(locale: Locale, key: string, params?: Record<string, string | number>): string {
  let node: unknown = catalogs[locale];
  for (const part of key.split('.')) {
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  }
  if (typeof node !== 'string') {
    return locale === 'zh-CN' ? key : translate('zh-CN', key, params);
  }
  return params ? node.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`)) : node;
}

export type { Messages };
export type { ErrorCode } from './zh-CN.ts';
