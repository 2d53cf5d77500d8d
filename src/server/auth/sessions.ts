// Server-side sessions: the cookie holds a random token, the table holds its SHA-256 and the CSRF token.
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB, Role } from '../../db/schema.ts';
import type { Actor } from '../access.ts';

export const SESSION_COOKIE = 'bbw_session';
export const CSRF_HEADER = 'x-csrf-token';

/** 等保: staff sessions end after 30 idle minutes; guardians on their phones stay signed in longer. */
const STAFF_IDLE_S = 30 * 60;
const STAFF_MAX_S = 12 * 3600;
const GUARDIAN_IDLE_S = 7 * 86400;
const GUARDIAN_MAX_S = 30 * 86400;
/** last_seen_at is written at most this often, so reads do not each cost a write. */
const TOUCH_EVERY_MS = 60_000;

export function sessionLimits(role: Role): { idleSeconds: number; maxSeconds: number } {
  return role === 'guardian'
    ? { idleSeconds: GUARDIAN_IDLE_S, maxSeconds: GUARDIAN_MAX_S }
    : { idleSeconds: STAFF_IDLE_S, maxSeconds: STAFF_MAX_S };
}

export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(
  trx: Kysely<DB> | Transaction<DB>,
  user: { id: string; role: Role },
  now: Date,
  client: { ip?: string; userAgent?: string },
): Promise<NewSession> {
  const token = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  const { idleSeconds, maxSeconds } = sessionLimits(user.role);
  const expiresAt = new Date(now.getTime() + maxSeconds * 1000);
  await trx
    .insertInto('user_session')
    .values({
      token_hash: hashToken(token),
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: now,
      last_seen_at: now,
      idle_timeout_s: idleSeconds,
      expires_at: expiresAt,
      ip: client.ip ?? null,
      user_agent: client.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

export type SessionLookup = { state: 'valid'; actor: Actor; csrfToken: string } | { state: 'expired' } | { state: 'none' };

export async function lookupSession(db: Kysely<DB>, token: string, now: Date): Promise<SessionLookup> {
  const row = await db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .leftJoin('house as h', 'h.id', 'u.house_id')
    .select([
      's.id as session_id',
      's.csrf_token',
      's.last_seen_at',
      's.idle_timeout_s',
      's.expires_at',
      's.revoked_at',
      'u.id as user_id',
      'u.role',
      'u.display_name',
      'u.status',
      'u.street_id',
      'u.house_id',
      'u.department',
      'u.provider_id',
      'h.street_id as house_street_id',
    ])
    .where('s.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row) return { state: 'none' };
  const idleDeadline = new Date(row.last_seen_at).getTime() + row.idle_timeout_s * 1000;
  if (row.revoked_at || row.status !== 'active' || now.getTime() > idleDeadline || now > new Date(row.expires_at)) {
    return { state: 'expired' };
  }
  if (now.getTime() - new Date(row.last_seen_at).getTime() > TOUCH_EVERY_MS) {
    await db.updateTable('user_session').set({ last_seen_at: now }).where('id', '=', row.session_id).execute();
  }
  return {
    state: 'valid',
    csrfToken: row.csrf_token,
    actor: {
      id: row.user_id,
      role: row.role,
      displayName: row.display_name,
      // Staff of a house belong to the house's street.
      streetId: row.street_id ?? row.house_street_id ?? null,
      houseId: row.house_id,
      department: row.department,
      providerId: row.provider_id,
      sessionId: row.session_id,
    },
  };
}

export async function revokeSession(db: Kysely<DB> | Transaction<DB>, sessionId: string, now: Date) {
  await db.updateTable('user_session').set({ revoked_at: now }).where('id', '=', sessionId).execute();
}

/** Constant-time comparison of the CSRF header with the session's token. */
export function csrfMatches(expected: string, given: string | string[] | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
