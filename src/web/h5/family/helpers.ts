// Small pieces the family screens share: ages as parents say them, dates for pickers, the form rules for ID
// numbers and phones, and the server's field errors put back on the fields they belong to.
import type { FormInstance } from 'antd-mobile/es/components/form';
import type { ApiError } from '../../common/api.ts';
import type { Family, Requirement } from '../../common/familyTypes.ts';
import { birthDateOfId, idNumberProblem, normalizeIdNumber, sexOfId } from '../../../domain/idNumber.ts';
import { t } from '../i18n/index.ts';

export { birthDateOfId, normalizeIdNumber, sexOfId, idNumberProblem };

/** 20 → 1岁8个月, 12 → 1岁, 8 → 8个月 */
export function ageText(months: number): string {
  const y = Math.floor(Math.max(0, months) / 12);
  const m = Math.max(0, months) % 12;
  if (y === 0) return t('family.ageMonths', { m });
  if (m === 0) return t('family.ageYears', { y });
  return t('family.age', { y, m });
}

/** 'YYYY-MM-DD' ↔ the Date a picker works with (local midnight). */
export function toLocalDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
export function fromLocalDate(s: string): Date {
  const [y, m, d] = s.split('-').map(Number);
  return new Date(y, m - 1, d);
}
export function addYears(s: string, years: number): string {
  const [y, m, d] = s.split('-').map(Number);
  return `${y + years}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Form rule: an 18-character resident ID number with a correct GB 11643 check character. */
export function idNumberRule(optional = false) {
  return {
    validator: async (_: unknown, value: unknown) => {
      const v = typeof value === 'string' ? value.trim() : '';
      if (!v) {
        if (optional) return;
        throw new Error(t('family.v.idRequired'));
      }
      const problem = idNumberProblem(v);
      if (problem === 'format') throw new Error(t('family.v.idFormat'));
      if (problem === 'birthDate') throw new Error(t('family.v.idBirthDate'));
      if (problem === 'checkDigit') throw new Error(t('family.v.idCheckDigit'));
    },
  };
}

export const PHONE = /^1[3-9]\d{9}$/;
export const phoneRule = { pattern: PHONE, message: t('errors.PHONE_INVALID') };

/** Upper-case X and no spaces while typing an ID number. */
export const normalizeId = (v: unknown) => (typeof v === 'string' ? v.replace(/\s/g, '').toUpperCase().slice(0, 18) : v);
export const digitsOnly = (v: unknown) => (typeof v === 'string' ? v.replace(/\D/g, '').slice(0, 11) : v);

/** 'body.children.0.idNumber' → ['children', 0, 'idNumber'] */
export function fieldPath(field: string): (string | number)[] {
  return field
    .replace(/^body\.?/, '')
    .split('.')
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Puts the server's field errors on the form's fields (mapped by `map`, default: the path as is). Returns the
 * messages no field took (to show in a toast).
 */
export function applyFieldErrors(
  form: FormInstance,
  err: ApiError,
  map: (path: (string | number)[]) => (string | number)[] | null = (p) => p,
  known?: (path: (string | number)[]) => boolean,
): string[] {
  const leftover: string[] = [];
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  for (const fe of err.fieldErrors) {
    const name = map(fieldPath(fe.field));
    const message = fe.message || t(`errors.${fe.code}`);
    if (name?.length && (!known || known(name))) fields.push({ name, errors: [message] });
    else leftover.push(message);
  }
  if (fields.length) form.setFields(fields);
  return leftover;
}

/** What the guardian taps to deal with a requirement (null when there is nothing they can do). */
export function requirementAction(r: Requirement, childId?: string): { label: string; to: string } | null {
  switch (r) {
    case 'consent':
      return { label: t('family.action.consent'), to: '/family/documents/consent' };
    case 'agreement':
      return { label: t('family.action.agreement'), to: '/family/documents/agreement' };
    case 'certificate':
    case 'certificateExpired':
    case 'certificateAfterAbsence':
      return childId ? { label: t(`family.action.${r}`), to: `/family/children/${childId}/certificate` } : null;
    default:
      return null;
  }
}

/** The family can be changed unless the street is reviewing it. */
export const editable = (f: Family | null | undefined) => !!f && f.status !== 'submitted';
