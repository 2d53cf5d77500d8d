// Which messages a guardian gets about her child: read and changed by her on the H5 (我的 → 消息通知).
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { GUARDIAN_NOTICES, GUARDIAN_NOTICE_KINDS, guardianWants, type GuardianNotice } from '../../../domain/guardianNotices.ts';
import type { Clock } from '../../../domain/time.ts';
import { writeAudit, type AuditSource } from '../../audit.ts';
import { AppError } from '../../errors.ts';
import * as q from './queries.ts';

/** Every notice, whether the guardian gets it and whether she may switch it off. */
export async function noticeSettings(db: Kysely<DB>, userId: string) {
  const saved = new Map((await q.noticeSettingsOf(db, userId)).map((s) => [s.notice, s.enabled]));
  return GUARDIAN_NOTICE_KINDS.map((notice) => ({
    notice,
    enabled: guardianWants(notice, saved.get(notice)),
    optional: GUARDIAN_NOTICES[notice].optional,
  }));
}

/** Switches one notice on or off (an incident cannot be switched off: 422 on the field). */
export async function setNotice(
  db: Kysely<DB>,
  clock: Clock,
  source: AuditSource,
  userId: string,
  notice: GuardianNotice,
  enabled: boolean,
) {
  if (!GUARDIAN_NOTICES[notice].optional && !enabled) {
    throw new AppError(422, 'NOTICE_ALWAYS_SENT', undefined, [{ field: 'body.notice', code: 'NOTICE_ALWAYS_SENT', message: '' }]);
  }
  await db.transaction().execute(async (trx) => {
    await q.saveNoticeSetting(trx, userId, notice, enabled, clock.now());
    await writeAudit(trx, clock, source, { action: 'notice.set', entityType: 'app_user', entityId: userId, detail: { notice, enabled } });
  });
  return noticeSettings(db, userId);
}
