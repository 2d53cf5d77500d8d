// Outgoing messages (SMS, app push) go through the outbox table: written in the transaction of the change that
// causes them, delivered afterwards by the dispatcher through a channel adapter. Development logs them.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { DB } from '../db/schema.ts';
import type { Clock } from '../domain/time.ts';
import { translate } from '../shared/i18n/index.ts';

export interface OutgoingMessage {
  channel: 'sms' | 'push';
  recipient: string;
  /** An i18n key under `sms.` rendered in zh-CN. */
  template: string;
  params: Record<string, string | number>;
}

export async function enqueueMessage(db: Kysely<DB> | Transaction<DB>, clock: Clock, msg: OutgoingMessage) {
  await enqueueMessages(db, clock, [msg]);
}

/** Several messages in one statement (a job's batch, every admin of a street). */
export async function enqueueMessages(db: Kysely<DB> | Transaction<DB>, clock: Clock, msgs: readonly OutgoingMessage[]) {
  if (!msgs.length) return;
  const now = clock.now();
  await db
    .insertInto('outbox_message')
    .values(
      msgs.map((msg) => ({
        channel: msg.channel,
        recipient: msg.recipient,
        template: msg.template,
        params: JSON.stringify(msg.params),
        body: translate('zh-CN', `sms.${msg.template}`, msg.params),
        available_at: now,
        created_at: now,
      })),
    )
    .execute();
}

export interface ChannelAdapter {
  send(msg: { id: string; channel: 'sms' | 'push'; recipient: string; body: string }): Promise<void>;
}

/** Development adapter: the message is written to the server log (this is where one-time codes appear). */
export function logAdapter(log: FastifyBaseLogger): ChannelAdapter {
  return {
    async send(msg) {
      log.info({ channel: msg.channel, to: msg.recipient, messageId: msg.id }, `[outbox → ${msg.channel} ${msg.recipient}] ${msg.body}`);
    },
  };
}

/**
 * Development and test adapter (OUTBOX_CHANNEL=record): each delivery is also written to `outbox_delivery`, in its own
 * statement outside any transaction, as an outside channel would see it — so a test can count deliveries per message
 * across processes. `delayMs` makes each send slow, like a real SMS gateway.
 */
export function recordingAdapter(db: Kysely<DB>, clock: Clock, worker: string, inner: ChannelAdapter, delayMs = 0): ChannelAdapter {
  return {
    async send(msg) {
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
      await inner.send(msg);
      await db.insertInto('outbox_delivery').values({ message_id: msg.id, worker, delivered_at: clock.now() }).execute();
    },
  };
}

export const MAX_ATTEMPTS = 5;

export interface DispatchOptions {
  /** How many messages one claim takes (default 20). */
  batch?: number;
  /** Who holds the claim (a process's job worker id). */
  workerId?: string;
  /** How long the claim lasts; past it, another process may take the messages again (default 60 s). */
  leaseMs?: number;
  /** Where given-up messages are reported. */
  log?: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

/** Back-off after a failed attempt: 1, 2, 4, 8 minutes. */
export const outboxBackoffMs = (attempts: number) => 60_000 * 2 ** (attempts - 1);

/**
 * Delivers due messages once. Three steps, no external call inside a transaction:
 *  1. claim — one short statement takes up to `batch` due messages (FOR UPDATE SKIP LOCKED, so processes never take
 *     the same one) and stamps them with this worker and a lease (`locked_until`), counting the attempt;
 *  2. send — through the channel adapter, with no transaction open;
 *  3. settle — each message is marked sent, or given a retry with back-off (failed after MAX_ATTEMPTS), by its own
 *     statement, only while this worker still holds it.
 * A process that dies between 1 and 3 leaves its claims to run out; the next claim after `locked_until` takes them
 * again (so a message whose send had already gone out when the process died may be sent twice — the only case).
 * Returns how many were sent.
 */
export async function dispatchOutbox(db: Kysely<DB>, clock: Clock, adapter: ChannelAdapter, options: DispatchOptions | number = {}) {
  const o = typeof options === 'number' ? { batch: options } : options;
  const batch = o.batch ?? 20;
  const workerId = o.workerId ?? `pid:${process.pid}`;
  const leaseMs = o.leaseMs ?? 60_000;
  const now = clock.now();
  const claimed = await sql<{ id: string; channel: 'sms' | 'push'; recipient: string; body: string; attempts: number }>`
    UPDATE outbox_message SET locked_by = ${workerId}, locked_until = ${new Date(now.getTime() + leaseMs)}, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM outbox_message
      WHERE status = 'pending' AND available_at <= ${now} AND (locked_until IS NULL OR locked_until <= ${now})
      ORDER BY available_at LIMIT ${batch}
      FOR UPDATE SKIP LOCKED)
    RETURNING id, channel, recipient, body, attempts`.execute(db);
  let sent = 0;
  for (const m of claimed.rows) {
    let error: unknown = null;
    try {
      await adapter.send(m);
    } catch (err) {
      error = err ?? new Error('send failed');
    }
    const mine = db.updateTable('outbox_message').where('id', '=', m.id).where('locked_by', '=', workerId).where('status', '=', 'pending');
    if (error === null) {
      const r = await mine.set({ status: 'sent', sent_at: clock.now(), locked_by: null, locked_until: null }).executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0)
        o.log?.warn({ messageId: m.id }, 'outbox: sent after the claim had run out (another process may send it again)');
      sent++;
    } else {
      const giveUp = m.attempts >= MAX_ATTEMPTS;
      await mine
        .set({
          status: giveUp ? 'failed' : 'pending',
          available_at: new Date(clock.now().getTime() + outboxBackoffMs(m.attempts)),
          last_error: String(error).slice(0, 500),
          locked_by: null,
          locked_until: null,
        })
        .execute();
      if (giveUp) o.log?.error({ messageId: m.id, err: error }, `outbox: message given up after ${m.attempts} attempts`);
      else o.log?.warn({ messageId: m.id, err: error }, `outbox: send failed (attempt ${m.attempts}), retrying later`);
    }
  }
  return sent;
}
