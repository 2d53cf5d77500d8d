// Formatting for people: Chinese dates (2026年12月1日 周二), yuan, masked identifiers.
// Shared by the server (messages) and both front ends. Always in the district's time zone.

import { DISTRICT_TIME_ZONE as TIME_ZONE } from './timeZone.ts';
import { catalogs, type Locale } from './i18n/index.ts';

const WEEKDAYS_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

function parts(instant: Date): Record<string, string> {
  const fmt = new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    weekday: 'short',
  });
  const out: Record<string, string> = {};
  for (const p of fmt.formatToParts(instant)) out[p.type] = p.value;
  return out;
}

const WEEKDAY_INDEX: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** A calendar date 'YYYY-MM-DD' or an instant → '2026年12月1日 周二'. */
export function formatDateZh(value: string | Date): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-').map(Number);
    const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    return `${y}年${m}月${d}日 ${WEEKDAYS_ZH[weekday]}`;
  }
  const p = parts(new Date(value));
  return `${p.year}年${Number(p.month)}月${Number(p.day)}日 ${WEEKDAYS_ZH[WEEKDAY_INDEX[p.weekday]]}`;
}

/**
 * A date without its weekday → '2026年12月1日', for days on which nothing happens (birth dates, validity ends, effective
 * dates, insurance periods); the weekday stays on days people come to (sessions, bookings, closures, logs).
 */
export function formatPlainDateZh(value: string | Date): string {
  return formatDateZh(value).replace(/ 周.$/, '');
}

/** An instant → '2026年12月1日 周二 09:30'. */
export function formatDateTimeZh(value: string | Date): string {
  const p = parts(new Date(value));
  return `${formatDateZh(new Date(value))} ${p.hour}:${p.minute}`;
}

/** Integer fen → '¥12.50' (money is always integer fen in the platform). */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** 310101199001011234 → 310***********1234 */
export function maskIdNumber(id: string): string {
  if (id.length <= 7) return '*'.repeat(id.length);
  return `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`;
}

/** 13812345678 → 138****5678 */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

/** Square metres with one decimal at most: 36 → '36 ㎡', 36.5 → '36.5 ㎡'. */
export function formatArea(m2: number): string {
  return `${Number.isInteger(m2) ? m2 : m2.toFixed(1)} ㎡`;
}

/** A video's length or position as the players show it: 4:05, 1:02:30. */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const [h, m, sec] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(sec)}` : `${m}:${two(sec)}`;
}

/** A file's size: 850 KB, 12.4 MB. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Opening hours in one line, for a house or a provider: '周一至周五 08:30–17:00;周六 09:00–12:00'. Days in a row with
 * the same hours run together (three or more as 周一至周五, two as 周六、周日); days apart with the same hours share
 * them ('周一、周三 09:00–11:00'). Empty when there are none.
 */
export function formatOpeningHours(hours: readonly { weekday: number; open: string; close: string }[], locale: Locale = 'zh-CN'): string {
  return openingHoursGroups(hours, locale).join(locale === 'zh-CN' ? ';' : '; ');
}

/** The groups of formatOpeningHours one by one ('周一至周五 08:30–17:00', '周六 09:00–12:00'), for a screen that keeps each on one line. */
export function openingHoursGroups(hours: readonly { weekday: number; open: string; close: string }[], locale: Locale = 'zh-CN'): string[] {
  const names = catalogs[locale].weekdays;
  const zh = locale === 'zh-CN';
  const spanOf = new Map(hours.map((h) => [h.weekday, `${h.open}–${h.close}`]));
  // Runs of consecutive days with the same span, Monday first.
  const runs: { from: number; to: number; span: string }[] = [];
  for (let d = 1; d <= 7; d++) {
    const span = spanOf.get(d);
    if (!span) continue;
    const last = runs[runs.length - 1];
    if (last && last.span === span && last.to === d - 1) last.to = d;
    else runs.push({ from: d, to: d, span });
  }
  const days = (r: { from: number; to: number }) => {
    if (r.from === r.to) return names[r.from];
    if (r.to === r.from + 1) return `${names[r.from]}${zh ? '、' : ', '}${names[r.to]}`;
    return zh ? `${names[r.from]}至${names[r.to]}` : `${names[r.from]}–${names[r.to]}`;
  };
  const bySpan = new Map<string, string[]>();
  for (const r of runs) bySpan.set(r.span, [...(bySpan.get(r.span) ?? []), days(r)]);
  return [...bySpan.entries()].map(([span, list]) => `${list.join(zh ? '、' : ', ')} ${span}`);
}

/** A person's name in a list that does not need it whole: 李沐晴 → 李*晴, 王芳 → 王*, 欧阳小雨 → 欧**雨. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
