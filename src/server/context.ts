// What every module of the server is given: the database, the clock, the configuration.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Clock } from '../domain/time.ts';
import type { AppConfig } from '../config.ts';
import type { Action, Actor } from './access.ts';
import type { FieldCipher } from './crypto.ts';
import type { FileStore } from './files.ts';

export interface AppContext {
  db: Kysely<DB>;
  clock: Clock;
  config: AppConfig;
  /** Encrypts identity and health fields and files; hashes ID numbers for search. */
  cipher: FieldCipher;
  /** Where uploaded files are kept. */
  files: FileStore;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    /** The signed-in user, or null. */
    actor: Actor | null;
    /** Set when a session cookie came in but its session had timed out. */
    sessionExpired: boolean;
  }
  interface FastifyContextConfig {
    /** The one action this route performs (see server/access.ts). Required for every /api route. */
    action?: Action;
  }
}
