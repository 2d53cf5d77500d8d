// Outgoing messages (SMS, app push) go through the outbox table: written in the transaction of the change that
// causes them, delivered afterwards by the dispatcher through a channel adapter. Development logs them.
import type { Kysely, Transaction } from 'kysely';
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
  const now = clock.now();
  await db
    .insertInto('outbox_message')
    .values({
      channel: msg.channel,
      recipient: msg.recipient,
      template: msg.template,
      params: JSON.stringify(msg.params),
      body: translate('zh-CN', `sms.${msg.template}`, msg.params),
      available_at: now,
      created_at: now,
    })
    .execute();
}

export interface ChannelAdapter {
  send(msg: { channel: 'sms' | 'push'; recipient: string; body: string }): Promise<void>;
}

/** Development adapter: the message is written to the server log (this is where one-time codes appear). */
export function logAdapter(log: FastifyBaseLogger): ChannelAdapter {
  return {
    async send(msg) {
      log.info({ channel: msg.channel, to: msg.recipient }, `[outbox → ${msg.channel} ${msg.recipient}] ${msg.body}`);
    },
  };
}

const MAX_ATTEMPTS = 5;

/** Delivers due messages once; safe with several processes (FOR UPDATE SKIP LOCKED). Returns how many were sent. */
export async function dispatchOutbox(db: Kysely<DB>, clock: Clock, adapter: ChannelAdapter, batch = 20) {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('outbox_message')
      .select(['id', 'channel', 'recipient', 'body', 'attempts'])
      .where('status', '=', 'pending')
      .where('available_at', '<=', clock.now())
      .orderBy('available_at')
      .limit(batch)
      .forUpdate()
      .skipLocked()
      .execute();
    let sent = 0;
    for (const m of due) {
      try {
        await adapter.send(m);
        await trx.updateTable('outbox_message').set({ status: 'sent', sent_at: clock.now(), attempts: m.attempts + 1 })
          .where('id', '=', m.id).execute();
        sent++;
      } catch (err) {
        const attempts = m.attempts + 1;
        await trx.updateTable('outbox_message').set({
          attempts,
          status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
          // back off: 1, 2, 4, 8 minutes
          available_at: new Date(clock.now().getTime() + 60_000 * 2 ** (attempts - 1)),
          last_error: String(err).slice(0, 500),
        }).where('id', '=', m.id).execute();
      }
    }
    return sent;
  });
}
