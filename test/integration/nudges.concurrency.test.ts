// Issue 12, nudges under real parallel connections on PostgreSQL (skipped without TEST_DATABASE_URL): the database's
// unique key (family, kind, month) is what keeps a family to one reminder of a kind a month — two admins sending at
// once, or one pressing twice, give one row and one message, and neither request fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as f from '../../src/server/modules/testing/factories.ts';
import { createTestApp, type TestApp } from '../support/testApp.ts';
import { makeAccount, type Person } from '../support/factory.ts';

const onPostgres = !!process.env.TEST_DATABASE_URL;

describe.runIf(onPostgres)('nudges under parallel sends on PostgreSQL', () => {
  let t: TestApp;
  let admins: Person[];
  let streetId: string;
  let families: string[];

  const sent = async (kind: string) => {
    const rows = await t.database.db
      .selectFrom('target_nudge')
      .select('family_id')
      .where('kind', '=', kind as 'care')
      .execute();
    const sms = await t.database.db
      .selectFrom('outbox_message')
      .select('recipient')
      .where('template', '=', kind === 'care' ? 'careNudge' : 'guidanceNudge')
      .execute();
    return { rows: rows.map((r) => r.family_id), sms: sms.map((m) => m.recipient) };
  };

  beforeAll(async () => {
    t = await createTestApp('postgres', { poolSize: 20, now: '2026-11-20T09:00:00+08:00' });
    const first = await makeAccount(t, 'street_admin', { street: 'scbl' });
    streetId = (await t.database.db.selectFrom('street').select('id').where('code', '=', 'scbl').executeTakeFirstOrThrow()).id;
    admins = [first, await makeAccount(t, 'street_admin', { street: 'scbl' }), await makeAccount(t, 'district_admin')];
    families = [];
    for (let i = 0; i < 6; i++) {
      const h = await f.makeHousehold(t.database.db, t.app.ctx.cipher, t.app.ctx.files, t.clock.now(), {
        street: 'scbl',
        children: [{ name: `并发${i}宝`, birthDate: '2025-02-02' }],
      });
      families.push(h.familyId);
    }
  }, 120_000);
  afterAll(() => t?.close());

  it('two sends at once for the same family: one reminder, one message, both answered', async () => {
    const body = { streetId, year: 2026, kind: 'care', familyIds: [families[0]] };
    const results = await Promise.all([admins[0], admins[1]].map((a) => a.client.post('/api/targets/nudges', body)));
    expect(results.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(results.map((r) => r.json().sent).sort()).toEqual([0, 1]);
    expect(results.flatMap((r) => r.json().skipped.map((s: { reason: string }) => s.reason))).toEqual(['alreadyReminded']);
    const { rows, sms } = await sent('care');
    expect(rows).toEqual([families[0]]);
    expect(sms).toHaveLength(1);
  });

  it('the database itself refuses a second reminder of a kind to a family in the month, from another connection', async () => {
    const row = {
      family_id: families[5],
      kind: 'care' as const,
      month: '2026-11-01',
      year: 2026,
      street_id: streetId,
      used: 0,
      due: 12,
      sent_by: admins[0].userId,
      sent_at: new Date(),
    };
    const db = t.database.db;
    // Two transactions on two connections: the second insert waits for the first to commit, then is refused.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const first = db.transaction().execute(async (trx) => {
      await trx.insertInto('target_nudge').values(row).execute();
      await held;
    });
    await new Promise((r) => setTimeout(r, 100));
    const second = db.transaction().execute((trx) => trx.insertInto('target_nudge').values(row).execute());
    await new Promise((r) => setTimeout(r, 200));
    release();
    await first;
    await expect(second).rejects.toMatchObject({ code: '23505', constraint: 'target_nudge_once_a_month' });
    // Another kind, or another month, is a row of its own.
    await db
      .insertInto('target_nudge')
      .values({ ...row, kind: 'guidance', month: '2026-12-01' })
      .execute();
    await db.deleteFrom('target_nudge').where('family_id', '=', families[5]).execute();
  });

  it('twelve overlapping sends at once over six families: each family reminded once, six messages', async () => {
    // Each request asks for three families in a window sliding over the six (every other one backwards), from three
    // accounts.
    const requests = Array.from({ length: 12 }, (_, i) => {
      const ids = [0, 1, 2].map((k) => families[(i + k) % 6]);
      return { who: admins[i % 3], familyIds: i % 2 ? ids.reverse() : ids };
    });
    const results = await Promise.all(
      requests.map((r) => r.who.client.post('/api/targets/nudges', { streetId, year: 2026, kind: 'guidance', familyIds: r.familyIds })),
    );
    expect(results.filter((r) => r.statusCode !== 200).map((r) => r.body)).toEqual([]);
    const total = results.reduce((n, r) => n + r.json().sent, 0);
    expect(total).toBe(6);
    const { rows, sms } = await sent('guidance');
    expect(rows.sort()).toEqual([...families].sort());
    expect(sms).toHaveLength(6);
    expect(new Set(sms).size).toBe(6);
  });
});
