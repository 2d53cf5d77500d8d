// The SQL of the guardian's message settings (src/domain/guardianNotices.ts).
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** The notices the guardian has changed, with her choice (the others are on). */
export function noticeSettingsOf(db: Db, userId: string) {
  return db.selectFrom('guardian_notice_setting').select(['notice', 'enabled']).where('user_id', '=', userId).execute();
}

export function saveNoticeSetting(db: Db, userId: string, notice: string, enabled: boolean, now: Date) {
  return db
    .insertInto('guardian_notice_setting')
    .values({ user_id: userId, notice, enabled, updated_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'notice']).doUpdateSet({ enabled, updated_at: now }))
    .execute();
}
