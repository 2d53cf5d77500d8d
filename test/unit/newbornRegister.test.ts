// The newborn register's import rules (src/domain/newbornRegister.ts): headings found the way hospitals write them,
// dates as Excel and people write them, and each row's problems named by field.
import { describe, expect, it } from 'vitest';
import { autoMapping, cellDate, parseNewbornRow } from '../../src/domain/newbornRegister.ts';

describe('autoMapping', () => {
  it('finds each field by the headings the lists use, ignoring spaces and notes in brackets', () => {
    expect(autoMapping(['序号', '婴儿姓名', '性 别', '出生日期(公历)', '母亲姓名', '手机号码', '现住址'])).toEqual({
      childName: 1,
      sex: 2,
      birthDate: 3,
      guardianName: 4,
      phone: 5,
      address: 6,
    });
  });
  it('prefers the more specific heading and never gives one column to two fields', () => {
    const m = autoMapping(['姓名', '新生儿姓名', '监护人姓名', '电话']);
    expect(m.childName).toBe(1);
    expect(m.guardianName).toBe(2);
    expect(m.phone).toBe(3);
  });
  it('leaves out a field whose heading is missing', () => {
    expect(autoMapping(['姓名']).birthDate).toBeUndefined();
  });
});

describe('cellDate', () => {
  it('reads Excel dates, ISO, slashes and Chinese', () => {
    expect(cellDate(new Date(Date.UTC(2026, 4, 12)))).toBe('2026-05-12');
    expect(cellDate('2026-05-12')).toBe('2026-05-12');
    expect(cellDate('2026/5/12')).toBe('2026-05-12');
    expect(cellDate('2026年5月12日')).toBe('2026-05-12');
  });
  it('refuses impossible and unreadable dates', () => {
    for (const v of ['2026-02-30', '2026-13-01', '五月', '', 45000]) expect(cellDate(v)).toBeNull();
  });
});

describe('parseNewbornRow', () => {
  const good = {
    childName: '王小满',
    sex: '男',
    birthDate: '2026-10-03',
    guardianName: '刘佳',
    phone: '139 0000 1111',
    address: '虹口区四川北路 1 号',
  };
  it('a good row, its phone without spaces', () => {
    expect(parseNewbornRow(good, '2026-12-01')).toEqual({
      row: {
        childName: '王小满',
        sex: 'male',
        birthDate: '2026-10-03',
        guardianName: '刘佳',
        phone: '13900001111',
        address: '虹口区四川北路 1 号',
      },
    });
  });
  it('a child born more than three years ago, or after today, is not a newborn', () => {
    expect(parseNewbornRow({ ...good, birthDate: '2023-11-30' }, '2026-12-01')).toEqual({
      problems: [{ field: 'birthDate', code: 'NOT_A_NEWBORN' }],
    });
    expect(parseNewbornRow({ ...good, birthDate: '2023-12-01' }, '2026-12-01')).toHaveProperty('row');
    expect(parseNewbornRow({ ...good, birthDate: '2026-12-02' }, '2026-12-01')).toEqual({
      problems: [{ field: 'birthDate', code: 'NOT_A_NEWBORN' }],
    });
  });
  it('names with digits or NUL bytes are refused', () => {
    expect(parseNewbornRow({ ...good, childName: '王1' }, '2026-12-01')).toEqual({
      problems: [{ field: 'childName', code: 'NAME_INVALID' }],
    });
    expect(parseNewbornRow({ ...good, guardianName: '刘\u0000佳' }, '2026-12-01')).toEqual({
      problems: [{ field: 'guardianName', code: 'NAME_INVALID' }],
    });
  });
});
