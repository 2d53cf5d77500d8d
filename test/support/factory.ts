// Test data made straight in the database: accepted families whose children can book, and signed-in clients for
// their guardians (sessions created directly, as the sign-in would).
import crypto from 'node:crypto';
import type { TestApp } from './testApp.ts';
import { createSession } from '../../src/server/auth/sessions.ts';
import { demoIdNumber } from '../../src/db/seed/demoFamilies.ts';
import { clientForSession, type Client } from './client.ts';

let sequence = 0;

export interface BookableChild {
  childId: string;
  familyId: string;
  guardianId: string;
  client: Client;
}

/** `count` accepted families with one child each (about 20 months old, certificate from 2026-11-20), signed in. */
export async function bookableChildren(t: TestApp, count: number, streetName = '四川北路街道'): Promise<BookableChild[]> {
  const db = t.database.db;
  const cipher = t.app.ctx.cipher;
  const street = await db.selectFrom('street').select('id').where('name', '=', streetName).executeTakeFirstOrThrow();
  const out: BookableChild[] = [];
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < count; i++) {
      const n = ++sequence;
      const phone = `1770${String(process.pid % 1000).padStart(3, '0')}${String(n).padStart(4, '0')}`;
      const user = await trx.insertInto('app_user').values({ role: 'guardian', phone, display_name: `家长${n}`, status: 'active' })
        .returning('id').executeTakeFirstOrThrow();
      const gid = demoIdNumber('1990-05-05', 5000 + n, 'female');
      const fam = await trx.insertInto('family').values({
        guardian_user_id: user.id, guardian_name: `家长${n}`, guardian_id_enc: cipher.encrypt(gid), guardian_id_hash: cipher.searchHash(`${gid}:${n}`),
        street_id: street.id, address: '虹口区测试路 1 号', status: 'accepted', consent_version: 1, consent_at: t.clock.now(),
        agreement_version: 1, agreement_signed_at: t.clock.now(),
      }).returning('id').executeTakeFirstOrThrow();
      const cid = demoIdNumber('2025-04-04', n % 499, n % 2 ? 'male' : 'female');
      const child = await trx.insertInto('child').values({
        family_id: fam.id, name: `宝宝${n}`, sex: n % 2 ? 'male' : 'female', birth_date: '2025-04-04',
        id_number_enc: cipher.encrypt(cid), id_number_hash: crypto.randomBytes(16).toString('hex'), residence_street_id: street.id,
        health_enc: cipher.encrypt(JSON.stringify({ allergies: '', history: '', declaredTruthfully: true })),
      }).returning('id').executeTakeFirstOrThrow();
      const file = await trx.insertInto('stored_file').values({
        family_id: fam.id, content_type: 'image/png', size_bytes: 1, sha256: 'x', storage_key: crypto.randomUUID(), uploaded_by: user.id,
      }).returning('id').executeTakeFirstOrThrow();
      await trx.insertInto('health_certificate').values({ child_id: child.id, file_id: file.id, exam_date: '2026-11-20', institution: '虹口区妇幼保健所' }).execute();
      const session = await createSession(trx, { id: user.id, role: 'guardian' }, t.clock.now(), {});
      out.push({ childId: child.id, familyId: fam.id, guardianId: user.id, client: clientForSession(t.app, session.token, session.csrfToken, user.id) });
    }
  });
  return out;
}
