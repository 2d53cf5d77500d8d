// A finding as a sentence: the shared catalogue's compliance.codes.<code> with its detail, dates written the
// Chinese way and facility keys named.
import type { Finding } from '../../../../common/opsTypes.ts';
import { formatPlainDateZh } from '../../../../common/i18n.ts';
import { t } from '../../../i18n/index.ts';
import type { Action } from '../../../../common/wire.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function findingMessage(f: Finding): string {
  const params: Record<string, string | number> = { subject: f.subjectLabel };
  for (const [key, value] of Object.entries(f.detail)) {
    if (value === null) continue;
    if (key === 'missing' && typeof value === 'string')
      params[key] = value
        .split(',')
        .map((k) => t(`facilities.${k}`))
        .join('、');
    else params[key] = typeof value === 'string' && DATE.test(value) ? formatPlainDateZh(value) : value;
  }
  return t(`compliance.codes.${f.code}`, params);
}

/** The console route that fixes the finding, when the user may open it (an inspector reads but does not fix staff). */
export function fixRouteAllowed(path: string, can: (action: Action) => boolean): boolean {
  if (path.startsWith('/staff')) return can('staff.read');
  if (path.startsWith('/schedule')) return can('session.read');
  if (path.startsWith('/houses')) return can('house.read');
  return true;
}
