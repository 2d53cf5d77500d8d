import { describe, expect, it } from 'vitest';
import {
  formatDateTimeZh,
  formatDateZh,
  formatOpeningHours,
  formatPlainDateZh,
  formatYuan,
  maskIdNumber,
  maskPhone,
} from '../../src/shared/format.ts';
import { addDays, ageInMonths, districtInstant, isoWeekday, localDateOf, MovableClock } from '../../src/domain/time.ts';
import { isMobilePhone, isStrongPassword } from '../../src/domain/password.ts';

describe('formatting for people', () => {
  it('writes Chinese dates with the weekday', () => {
    expect(formatDateZh('2026-12-01')).toBe('2026年12月1日 周二');
    expect(formatDateZh('2027-01-03')).toBe('2027年1月3日 周日');
    // 23:30 UTC on 30 Nov is already 1 Dec in Shanghai
    expect(formatDateZh(new Date('2026-11-30T23:30:00Z'))).toBe('2026年12月1日 周二');
    expect(formatDateTimeZh(new Date('2026-12-01T01:05:00Z'))).toBe('2026年12月1日 周二 09:05');
  });
  it('drops the weekday from days on which nothing happens (birth dates, validity ends, effective dates)', () => {
    expect(formatPlainDateZh('2025-03-09')).toBe('2025年3月9日');
    expect(formatPlainDateZh(new Date('2026-11-30T23:30:00Z'))).toBe('2026年12月1日');
  });
  it('writes yuan from fen', () => {
    expect(formatYuan(0)).toBe('¥0.00');
    expect(formatYuan(10000)).toBe('¥100.00');
    expect(formatYuan(1250)).toBe('¥12.50');
  });
  it('masks ID and phone numbers', () => {
    expect(maskIdNumber('310101199001011234')).toBe('310***********1234');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});

describe('district time (Asia/Shanghai)', () => {
  it('turns instants into district dates across day, month and year ends', () => {
    expect(localDateOf(new Date('2026-11-30T16:00:00Z'))).toBe('2026-12-01');
    expect(localDateOf(new Date('2026-11-30T15:59:59Z'))).toBe('2026-11-30');
    expect(localDateOf(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(districtInstant('2027-01-01', '09:00').toISOString()).toBe('2027-01-01T01:00:00.000Z');
  });
  it('adds days across month and year ends, and knows weekdays', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(isoWeekday('2026-12-01')).toBe(2);
    expect(isoWeekday('2026-12-06')).toBe(7);
  });
  it('counts ages in whole months', () => {
    expect(ageInMonths('2025-12-01', '2026-12-01')).toBe(12);
    expect(ageInMonths('2025-12-02', '2026-12-01')).toBe(11);
    expect(ageInMonths('2023-12-01', '2026-12-01')).toBe(36);
  });
  it('lets tests move the clock', () => {
    const clock = new MovableClock({ now: () => new Date('2026-12-01T00:00:00Z') });
    clock.advance(60_000);
    expect(clock.now().toISOString()).toBe('2026-12-01T00:01:00.000Z');
    clock.set(new Date('2027-01-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });
});

describe('account rules (等保 2.0)', () => {
  it('needs 8+ characters from three classes', () => {
    expect(isStrongPassword('Demo@2026')).toBe(true);
    expect(isStrongPassword('abcdefgh1')).toBe(false);
    expect(isStrongPassword('Ab1!')).toBe(false);
    expect(isStrongPassword('abcDEF12')).toBe(true);
  });
  it('knows mainland mobile numbers', () => {
    expect(isMobilePhone('13800000001')).toBe(true);
    expect(isMobilePhone('12800000001')).toBe(false);
    expect(isMobilePhone('1380000000')).toBe(false);
  });
});

describe('opening hours in one line (formatOpeningHours)', () => {
  const day = (weekday: number, open = '08:30', close = '17:00') => ({ weekday, open, close });
  it('weekdays in a row with the same hours run together', () => {
    expect(formatOpeningHours([1, 2, 3, 4, 5].map((d) => day(d)))).toBe('周一至周五 08:30–17:00');
    expect(formatOpeningHours([...[1, 2, 3, 4, 5].map((d) => day(d)), day(6, '09:00', '12:00')])).toBe(
      '周一至周五 08:30–17:00;周六 09:00–12:00',
    );
  });
  it('two days in a row are named both; days apart with the same hours share them; the order of the list does not matter', () => {
    expect(formatOpeningHours([day(7, '09:00', '11:30'), day(6, '09:00', '11:30')])).toBe('周六、周日 09:00–11:30');
    expect(formatOpeningHours([day(1), day(2), day(3), day(5), day(4, '13:00', '17:00')])).toBe(
      '周一至周三、周五 08:30–17:00;周四 13:00–17:00',
    );
  });
  it('nothing when closed every day; English when asked', () => {
    expect(formatOpeningHours([])).toBe('');
    expect(
      formatOpeningHours(
        [1, 2, 3, 4, 5].map((d) => day(d)),
        'en',
      ),
    ).toBe('Mon–Fri 08:30–17:00');
  });
});
