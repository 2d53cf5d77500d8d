// SQL of the documents module: the versions of the consent text and the service agreement.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

const columns = ['kind', 'version', 'title', 'body', 'effective_from'] as const;

/** The versions in force on a date (every kind), newest first. */
export function versionsInForce(db: Db, date: string) {
  return db.selectFrom('document_version').select(columns).where('effective_from', '<=', date).orderBy('version', 'desc').execute();
}

/** Every version of both texts, by kind, newest first. */
export function allVersions(db: Db) {
  return db.selectFrom('document_version').select(columns).orderBy('kind').orderBy('version', 'desc').execute();
}

/** Serialises publications of one kind until the transaction ends (two must not both take the next number). */
export async function lockKind(trx: Transaction<DB>, kind: string) {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`document_version:${kind}`}))`.execute(trx);
}

export async function lastVersion(db: Db, kind: 'consent' | 'agreement'): Promise<number> {
  const last = await db
    .selectFrom('document_version')
    .select(({ fn }) => fn.max('version').as('v'))
    .where('kind', '=', kind)
    .executeTakeFirst();
  return Number(last?.v ?? 0);
}

export function insertVersion(
  db: Db,
  values: {
    kind: 'consent' | 'agreement';
    version: number;
    title: string;
    body: string;
    effective_from: string;
    created_by: string;
  },
) {
  return db.insertInto('document_version').values(values).returning(columns).executeTakeFirstOrThrow();
}
