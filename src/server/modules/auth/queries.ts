// SQL of the auth module: accounts as sign-in sees them.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** The signed-in user as /me answers it (with the street of their house). */
export function meRow(db: Db, userId: string) {
  return db
    .selectFrom('app_user as u')
    .leftJoin('house as h', 'h.id', 'u.house_id')
    .select(['u.id', 'u.role', 'u.display_name', 'u.street_id', 'u.house_id', 'u.department', 'u.phone', 'h.street_id as hs'])
    .where('u.id', '=', userId)
    .executeTakeFirstOrThrow();
}

/** A staff account by username (never a guardian's). */
export function staffByUsername(db: Db, username: string) {
  return db.selectFrom('app_user').selectAll().where('username', '=', username).where('role', '<>', 'guardian').executeTakeFirst();
}

/** The guardian account of a phone, created on first use. */
export async function guardianOfPhone(db: Db, phone: string) {
  await db
    .insertInto('app_user')
    .values({ role: 'guardian', phone, display_name: `家长${phone.slice(-4)}`, status: 'active' })
    .onConflict((oc) => oc.column('phone').where(sql<boolean>`role = 'guardian'`).doNothing())
    .execute();
  return db
    .selectFrom('app_user')
    .select(['id', 'role', 'status'])
    .where('phone', '=', phone)
    .where('role', '=', 'guardian')
    .executeTakeFirstOrThrow();
}

export async function csrfTokenOf(db: Db, sessionId: string): Promise<string> {
  return (await db.selectFrom('user_session').select('csrf_token').where('id', '=', sessionId).executeTakeFirstOrThrow()).csrf_token;
}

export async function passwordHashOf(db: Db, userId: string) {
  return (await db.selectFrom('app_user').select(['password_hash']).where('id', '=', userId).executeTakeFirstOrThrow()).password_hash;
}
