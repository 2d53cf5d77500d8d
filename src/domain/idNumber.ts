// Resident ID numbers (GB 11643-1999): 17 digits and a check character (0–9 or X), ISO 7064 MOD 11-2.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idCheckCharacter(first17: string): string {
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(first17[i]), 0);
  return CHECK[sum % 11];
}

/** Upper-cases a trailing x and strips spaces, so the same number always hashes the same. */
export function normalizeIdNumber(raw: string): string {
  return raw.replace(/\s/g, '').toUpperCase();
}

export type IdNumberProblem = 'format' | 'checkDigit' | 'birthDate';

/** Checks format, the embedded birth date and the check character; null when the number is valid. */
export function idNumberProblem(raw: string): IdNumberProblem | null {
  const id = normalizeIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return 'birthDate';
  if (idCheckCharacter(id) !== id[17]) return 'checkDigit';
  return null;
}

/** The birth date written in an ID number, as 'YYYY-MM-DD'. */
export function birthDateOfId(id: string): string {
  const n = normalizeIdNumber(id);
  return `${n.slice(6, 10)}-${n.slice(10, 12)}-${n.slice(12, 14)}`;
}

/** 1 = male, 2 = female (the 17th digit is odd for men). */
export function sexOfId(id: string): 'male' | 'female' {
  return Number(normalizeIdNumber(id)[16]) % 2 === 1 ? 'male' : 'female';
}
