import { describe, expect, it } from 'vitest';
import { checkHouseName } from '../../src/domain/houseName.ts';

describe('house names (R18)', () => {
  it('accepts the street form for the house’s own street, in canonical quotes', () => {
    expect(checkHouseName("四川北路街道'宝宝屋'", '四川北路街道')).toMatchObject({ ok: true, canonical: '四川北路街道‘宝宝屋’' });
    expect(checkHouseName('江湾镇街道“宝宝屋”', '江湾镇街道')).toMatchObject({ ok: true, canonical: '江湾镇街道‘宝宝屋’' });
  });
  it('accepts a community form with an optional site', () => {
    expect(checkHouseName('多伦社区‘宝宝屋’', '四川北路街道')).toMatchObject({ ok: true, kind: '社区' });
    expect(checkHouseName('多伦社区‘宝宝屋’(山阴路点)', '四川北路街道')).toMatchObject({
      ok: true,
      canonical: '多伦社区‘宝宝屋’(山阴路点)',
    });
  });
  it('refuses another street’s name', () => {
    expect(checkHouseName('北外滩街道‘宝宝屋’', '四川北路街道')).toEqual({ ok: false, reason: 'HOUSE_STREET_MISMATCH' });
  });
  it('refuses names outside the pattern', () => {
    for (const name of ['阳光托育中心', '四川北路宝宝屋', '四川北路街道‘宝宝乐园’', '街道‘宝宝屋’', '四川北路街道‘宝宝屋’分店']) {
      expect(checkHouseName(name, '四川北路街道')).toEqual({ ok: false, reason: 'HOUSE_NAME_INVALID' });
    }
  });
});
