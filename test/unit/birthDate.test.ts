// Issue 10: one rule (R1) for the birth date a child can be registered with, asked by the H5 where the date is entered
// and by the server when the family is saved.
import { describe, expect, it } from 'vitest';
import { birthDateProblem } from '../../src/domain/eligibility.ts';

describe('birthDateProblem', () => {
  const today = '2026-12-01';
  it('accepts a child under the oldest age served, and one still too young to book', () => {
    expect(birthDateProblem('2025-04-01', today, 36)).toBeNull();
    expect(birthDateProblem('2026-06-01', today, 36)).toBeNull();
    expect(birthDateProblem(today, today, 36)).toBeNull();
  });
  it('refuses a birth date still to come', () => {
    expect(birthDateProblem('2026-12-02', today, 36)).toBe('future');
  });
  it('refuses a child who has turned three, from the birthday on', () => {
    expect(birthDateProblem('2023-12-02', today, 36)).toBeNull();
    expect(birthDateProblem('2023-12-01', today, 36)).toBe('tooOld');
    expect(birthDateProblem('2023-05-10', today, 36)).toBe('tooOld');
  });
});
