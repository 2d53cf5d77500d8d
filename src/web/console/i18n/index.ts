// The console's t(): its own screen texts first, then the shared catalogue (roles, errors, facilities…).
import { createT, locale } from '../../common/i18n.ts';
import { catalogs } from '../../../shared/i18n/index.ts';
import { consoleZhCN, type ConsoleMessages } from './zh-CN.ts';
import { consoleEn } from './en.ts';

export const t = createT({ 'zh-CN': consoleZhCN, en: consoleEn });
export { locale };

/** Switches the language for the next page load (stored like the H5 does, in localStorage 'bbw.lang'). */
export function switchLocale() {
  localStorage.setItem('bbw.lang', locale === 'en' ? 'zh-CN' : 'en');
  window.location.reload();
}

/** The console catalogue of the current language (for tables keyed by codes that contain dots). */
export const messages: ConsoleMessages = locale === 'en' ? consoleEn : consoleZhCN;

type Table = 'policy.rules' | 'policy.units' | 'policy.hints';

/** A label from a code-keyed table ('capacity.minAreaPerChildM2', 'auth.signIn'); undefined when unknown. */
export function labelOf(table: Table, code: string): string | undefined {
  const [section, name] = table.split('.') as [keyof ConsoleMessages, string];
  const own = (messages[section] as unknown as Record<string, Record<string, string> | undefined>)[name]?.[code];
  const zh = (consoleZhCN[section] as unknown as Record<string, Record<string, string> | undefined>)[name]?.[code];
  return own ?? zh;
}

/** A policy parameter's name ('capacity.minAreaPerChildM2' → 人均使用面积下限), from the shared catalogue the audit log uses too. */
export function policyKeyLabel(key: string): string {
  const own: Record<string, string> = catalogs[locale].policyKeys;
  const zh: Record<string, string> = catalogs['zh-CN'].policyKeys;
  return own[key] ?? zh[key] ?? key;
}
