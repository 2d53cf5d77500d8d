// The newborn register's rules (DOMAIN.md §5.5, T4) as pure functions: which column of the health system's Excel list
// holds which field, and whether a row — imported by the street or reported by the family in the H5 — is a newborn the
// street can register, each problem naming its field. Both ways in ask `parseNewbornRow`.
import { addMonths, isValidLocalDate, type LocalDate } from './time.ts';

export const NEWBORN_FIELDS = ['childName', 'sex', 'birthDate', 'guardianName', 'phone', 'address'] as const;
export type NewbornField = (typeof NEWBORN_FIELDS)[number];

/** The column headings the lists use for each field (出生医学证明 exports differ between hospitals), best first. */
const HEADINGS: Record<NewbornField, string[]> = {
  childName: ['新生儿姓名', '婴儿姓名', '儿童姓名', '宝宝姓名', '姓名'],
  sex: ['新生儿性别', '性别'],
  birthDate: ['出生日期', '出生时间', '出生年月日'],
  guardianName: ['监护人姓名', '监护人', '母亲姓名', '父亲姓名', '家长姓名'],
  phone: ['联系电话', '手机号码', '手机号', '手机', '电话'],
  address: ['家庭住址', '现住址', '居住地址', '住址', '地址'],
};

const normal = (h: string) => h.replace(/\s+/g, '').replace(/[(（].*?[)）]/g, '');

/** Column index (0-based) of each field found among the headings; a field whose heading is missing is left out. */
export function autoMapping(headings: readonly string[]): Partial<Record<NewbornField, number>> {
  const out: Partial<Record<NewbornField, number>> = {};
  const taken = new Set<number>();
  for (const field of NEWBORN_FIELDS) {
    for (const name of HEADINGS[field]) {
      const i = headings.findIndex((h, j) => !taken.has(j) && normal(h) === name);
      if (i >= 0) {
        out[field] = i;
        taken.add(i);
        break;
      }
    }
  }
  return out;
}

export type NewbornProblem =
  | 'REQUIRED'
  | 'NAME_INVALID'
  | 'SEX_INVALID'
  | 'DATE_INVALID'
  | 'NOT_A_NEWBORN'
  | 'PHONE_INVALID'
  | 'ADDRESS_INVALID';

export interface NewbornRow {
  childName: string;
  sex: 'male' | 'female';
  birthDate: LocalDate;
  guardianName: string;
  phone: string;
  address: string;
}

/** A spreadsheet cell's date: a Date (Excel's own dates, at UTC midnight), 2026-05-12, 2026/5/12 or 2026年5月12日. */
export function cellDate(v: unknown): LocalDate | null {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s.*)?$/.exec(String(v ?? '').trim());
  if (!m) return null;
  const d = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isValidLocalDate(d) ? d : null;
}

/** How far back the street's import reaches (the register follows a child to three). */
export const IMPORT_MONTHS_BACK = 36;
/** How far back a family may report its own newborn: the home visit is for the first year. */
export const SELF_REPORT_MONTHS_BACK = 12;

/** Whether a birth date can be a newborn's of the register: not after `today`, not before `monthsBack` months ago. */
export function newbornBirthDateProblem(birthDate: LocalDate, today: LocalDate, monthsBack: number): 'NOT_A_NEWBORN' | null {
  return birthDate > today || birthDate < addMonths(today, -monthsBack) ? 'NOT_A_NEWBORN' : null;
}

const text = (v: unknown) =>
  String(v ?? '')
    .replace(/\s+/g, ' ')
    .trim();
const PERSON_NAME = /^[\p{Script=Han}·A-Za-z ]{1,20}$/u;
/** Whether a name (the baby's or the guardian's) is one the register takes: Chinese characters, letters, ·, up to 20. */
export const isRegisterName = (name: string) => PERSON_NAME.test(text(name));

/**
 * One row of the list (or one family's report) as a newborn of the register, or its problems. A newborn was born
 * within the last `monthsBack` months and not after `today`. The sex is 男/女 as the lists write it, or male/female.
 */
export function parseNewbornRow(
  cells: Partial<Record<NewbornField, unknown>>,
  today: LocalDate,
  monthsBack = IMPORT_MONTHS_BACK,
): { row: NewbornRow } | { problems: { field: NewbornField; code: NewbornProblem }[] } {
  const problems: { field: NewbornField; code: NewbornProblem }[] = [];
  const need = (field: NewbornField) => {
    const v = text(cells[field]);
    if (!v) problems.push({ field, code: 'REQUIRED' });
    return v;
  };
  const childName = need('childName');
  if (childName && !PERSON_NAME.test(childName)) problems.push({ field: 'childName', code: 'NAME_INVALID' });
  const sexText = need('sex');
  const sex =
    sexText === '男' || sexText === '男性' || sexText === 'male'
      ? 'male'
      : sexText === '女' || sexText === '女性' || sexText === 'female'
        ? 'female'
        : null;
  if (sexText && !sex) problems.push({ field: 'sex', code: 'SEX_INVALID' });
  const rawDate = cells.birthDate;
  let birthDate: LocalDate | null = null;
  if (rawDate === undefined || rawDate === null || text(rawDate) === '') problems.push({ field: 'birthDate', code: 'REQUIRED' });
  else {
    birthDate = cellDate(rawDate);
    if (!birthDate) problems.push({ field: 'birthDate', code: 'DATE_INVALID' });
    else {
      const problem = newbornBirthDateProblem(birthDate, today, monthsBack);
      if (problem) problems.push({ field: 'birthDate', code: problem });
    }
  }
  const guardianName = need('guardianName');
  if (guardianName && !PERSON_NAME.test(guardianName)) problems.push({ field: 'guardianName', code: 'NAME_INVALID' });
  const phone = need('phone').replace(/[-\s]/g, '');
  if (phone && !/^1[3-9]\d{9}$/.test(phone)) problems.push({ field: 'phone', code: 'PHONE_INVALID' });
  const address = need('address');
  if (address && (address.length < 4 || address.length > 120)) problems.push({ field: 'address', code: 'ADDRESS_INVALID' });
  if (problems.length) return { problems };
  return { row: { childName, sex: sex!, birthDate: birthDate!, guardianName, phone, address } };
}

/** The key that makes a row a duplicate of another: the same baby (name, birth date) of the same phone. */
export const newbornKey = (r: Pick<NewbornRow, 'childName' | 'birthDate' | 'phone'>) => `${r.birthDate}|${r.phone}|${r.childName}`;
