// The job mechanism's pure parts: when a daily run is due (district-local time) and the back-off between attempts.
import { describe, expect, it } from 'vitest';
import { dailyKeyDue, jobBackoffMs } from '../../src/server/jobs/runner.ts';
import { outboxBackoffMs } from '../../src/server/outbox.ts';

describe('daily run keys', () => {
  it('are the district-local date once the local time has reached the hour, else nothing', () => {
    expect(dailyKeyDue('06:00', new Date('2026-12-01T05:59:59+08:00'))).toBeNull();
    expect(dailyKeyDue('06:00', new Date('2026-12-01T06:00:00+08:00'))).toBe('2026-12-01');
    // 23:30 UTC on 1 December is already 2 December in Shanghai.
    expect(dailyKeyDue('00:00', new Date('2026-12-01T16:30:00Z'))).toBe('2026-12-02');
    expect(dailyKeyDue('00:00', new Date('2026-12-01T15:59:00Z'))).toBe('2026-12-01');
  });
});

describe('back-off', () => {
  it('doubles from 30 s for jobs, capped at 30 minutes', () => {
    expect([1, 2, 3, 4].map(jobBackoffMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(jobBackoffMs(20)).toBe(30 * 60_000);
  });
  it('doubles from a minute for outbox messages', () => {
    expect([1, 2, 3, 4].map(outboxBackoffMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
  });
});
