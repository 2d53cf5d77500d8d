// The newborn register's rules as a family's own report meets them (src/domain/newbornRegister.ts): the same row check
// as the street's import, with the one-year window of the home visit; the birth-date rule the H5 form asks too.
import { describe, expect, it } from 'vitest';
import { IMPORT_MONTHS_BACK, SELF_REPORT_MONTHS_BACK, newbornBirthDateProblem, parseNewbornRow } from '../../src/domain/newbornRegister.ts';

const TODAY = '2026-12-01';
const report = {
  childName: '林小禾',
  sex: 'female',
  birthDate: '2026-11-20',
  guardianName: '林悦',
  phone: '13900001234',
  address: '虹口区四川北路 100 弄 2 号',
};

describe('newbornBirthDateProblem', () => {
  it('takes today and the day a year back, and nothing outside', () => {
    expect(newbornBirthDateProblem('2026-12-01', TODAY, SELF_REPORT_MONTHS_BACK)).toBeNull();
    expect(newbornBirthDateProblem('2025-12-01', TODAY, SELF_REPORT_MONTHS_BACK)).toBeNull();
    expect(newbornBirthDateProblem('2025-11-30', TODAY, SELF_REPORT_MONTHS_BACK)).toBe('NOT_A_NEWBORN');
    expect(newbornBirthDateProblem('2026-12-02', TODAY, SELF_REPORT_MONTHS_BACK)).toBe('NOT_A_NEWBORN');
  });
  it('reaches three years back for the import', () => {
    expect(newbornBirthDateProblem('2024-01-01', TODAY, IMPORT_MONTHS_BACK)).toBeNull();
    expect(newbornBirthDateProblem('2023-11-30', TODAY, IMPORT_MONTHS_BACK)).toBe('NOT_A_NEWBORN');
  });
  it('counts a year back from the end of February in a leap-free year', () => {
    expect(newbornBirthDateProblem('2026-02-28', '2027-02-28', 12)).toBeNull();
    expect(newbornBirthDateProblem('2026-02-27', '2027-02-28', 12)).toBe('NOT_A_NEWBORN');
  });
});

describe('parseNewbornRow for a family’s report', () => {
  it('takes the API’s male/female as well as the lists’ 男/女', () => {
    expect(parseNewbornRow(report, TODAY, SELF_REPORT_MONTHS_BACK)).toEqual({ row: report });
    expect(parseNewbornRow({ ...report, sex: 'male' }, TODAY, SELF_REPORT_MONTHS_BACK)).toEqual({ row: { ...report, sex: 'male' } });
    expect(parseNewbornRow({ ...report, sex: '女' }, TODAY, SELF_REPORT_MONTHS_BACK)).toEqual({ row: report });
  });
  it('refuses a baby older than a year that the import would take', () => {
    const older = { ...report, birthDate: '2025-06-01' };
    expect(parseNewbornRow(older, TODAY, SELF_REPORT_MONTHS_BACK)).toEqual({ problems: [{ field: 'birthDate', code: 'NOT_A_NEWBORN' }] });
    expect(parseNewbornRow(older, TODAY)).toEqual({ row: older });
  });
  it('names every field that is wrong', () => {
    const r = parseNewbornRow({ ...report, childName: '林<script>', guardianName: '', address: '短' }, TODAY, SELF_REPORT_MONTHS_BACK);
    expect(r).toEqual({
      problems: [
        { field: 'childName', code: 'NAME_INVALID' },
        { field: 'guardianName', code: 'REQUIRED' },
        { field: 'address', code: 'ADDRESS_INVALID' },
      ],
    });
  });
});
