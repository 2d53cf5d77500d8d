// One-time sign-in codes for guardians: 6 digits, 5 minutes, single use, at most 5 wrong tries,
// rate-limited per phone and per IP (limits in the database, shared by every process).
import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Clock } from '../../domain/time.ts';
import { AppError } from '../errors.ts';
import { hitRateLimits } from '../rateLimit.ts';
import { enqueueMessage } from '../outbox.ts';

export const OTP_TTL_SECONDS = 5 * 60;
export const OTP_RESEND_SECONDS = 60;
const OTP_MAX_ATTEMPTS = 5;

const codeHash = (phone: string, code: string) => crypto.createHash('sha256').update(`${phone}:${code}`).digest('hex');

export async function requestOtp(db: Kysely<DB>, clock: Clock, phone: string, ip: string) {
  const now = clock.now();
  // Counted outside the transaction below: a refused request still counts.
  await hitRateLimits(db, now, [
    { bucket: `otp:phone:${phone}`, windowSeconds: OTP_RESEND_SECONDS, max: 1 },
    { bucket: `otp:phone-hour:${phone}`, windowSeconds: 3600, max: 5 },
    { bucket: `otp:ip:${ip}`, windowSeconds: 3600, max: 30 },
  ]);
  const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
  await db.transaction().execute(async (trx) => {
    // A new code replaces any earlier one still open for this phone.
    await trx.updateTable('otp_code').set({ consumed_at: now }).where('phone', '=', phone).where('consumed_at', 'is', null).execute();
    await trx
      .insertInto('otp_code')
      .values({
        phone,
        code_hash: codeHash(phone, code),
        created_at: now,
        expires_at: new Date(now.getTime() + OTP_TTL_SECONDS * 1000),
      })
      .execute();
    await enqueueMessage(trx, clock, {
      channel: 'sms',
      recipient: phone,
      template: 'otp',
      params: { code, minutes: OTP_TTL_SECONDS / 60 },
    });
  });
  return { expiresInSeconds: OTP_TTL_SECONDS, resendAfterSeconds: OTP_RESEND_SECONDS };
}

/** Consumes the phone's open code if it matches; throws OTP_INVALID / OTP_TOO_MANY_ATTEMPTS otherwise. */
export async function consumeOtp(db: Kysely<DB>, clock: Clock, phone: string, code: string, ip: string) {
  const now = clock.now();
  await hitRateLimits(db, now, [{ bucket: `otp-verify:ip:${ip}`, windowSeconds: 3600, max: 60 }]);
  const open = await db
    .selectFrom('otp_code')
    .select(['id', 'code_hash', 'attempts'])
    .where('phone', '=', phone)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!open) throw new AppError(400, 'OTP_INVALID');
  if (open.attempts >= OTP_MAX_ATTEMPTS) throw new AppError(400, 'OTP_TOO_MANY_ATTEMPTS');
  const given = Buffer.from(codeHash(phone, code));
  if (!crypto.timingSafeEqual(given, Buffer.from(open.code_hash))) {
    const row = await db
      .updateTable('otp_code')
      .set({ attempts: sql`attempts + 1` })
      .where('id', '=', open.id)
      .returning('attempts')
      .executeTakeFirstOrThrow();
    throw new AppError(400, row.attempts >= OTP_MAX_ATTEMPTS ? 'OTP_TOO_MANY_ATTEMPTS' : 'OTP_INVALID');
  }
  // Single use even under racing requests: only one UPDATE finds consumed_at still empty.
  const consumed = await db
    .updateTable('otp_code')
    .set({ consumed_at: now })
    .where('id', '=', open.id)
    .where('consumed_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (!consumed) throw new AppError(400, 'OTP_INVALID');
}
