// Issue 9: the routes of attendance, staff and care only parse, authorise, call the service and shape the answer —
// no SQL, transactions, locks, audit or rate limits in them (those live in each module's queries.ts and service.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const FORBIDDEN = [
  '.selectFrom(',
  '.insertInto(',
  '.updateTable(',
  '.deleteFrom(',
  '.transaction(',
  'forUpdate(',
  'sql`',
  'writeAudit(',
  'hitRateLimits(',
  'lockSession(',
  'lockHouse(',
  'lockSessions(',
  'enqueueMessage(',
  'notifyHouseManagers',
];

describe('routes of attendance, staff and care', () => {
  for (const m of ['attendance', 'staff', 'care']) {
    it(`${m}/routes.ts has no SQL, transaction, lock, audit, rate limit or message of its own`, () => {
      const src = read(`src/server/modules/${m}/routes.ts`);
      expect(FORBIDDEN.filter((f) => src.includes(f))).toEqual([]);
    });
  }

  it('the ratio-refused alert is deduped by notifyHouseManagersOnce, not by a rate limiter whose errors are swallowed', () => {
    const src = read('src/server/modules/attendance/service.ts');
    const compact = src.replace(/\s+/g, ''); // whatever the formatter's line breaks
    expect(compact).toContain('notifyHouseManagersOnce(db,clock,{key:`ratio-refused:${booking.session_id}`,windowSeconds:900}');
    expect(src).not.toMatch(/\.then\(\s*\(\)\s*=>\s*true,\s*\(\)\s*=>\s*false\s*\)/);
  });
});
