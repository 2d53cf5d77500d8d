// Configuration comes from the environment only, parsed once here so that a typo fails at start-up.
import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('localhost'),
  /** postgres://… — when set, PostgreSQL is used instead of the embedded PGlite. */
  DATABASE_URL: z.string().optional(),
  /** Folder of the embedded database (PGlite) when DATABASE_URL is not set. */
  DATA_DIR: z.string().default('./data'),
  /** Pool size for PostgreSQL. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Seed the Hongkou demo data into an empty database (default on outside production). */
  SEED_DEMO: z.enum(['true', 'false']).optional(),
  /** Send the Secure flag on cookies (default on in production, where TLS terminates in front of us). */
  COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  /** Log level for the server log. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Development-only test API (moving the clock, reading sent messages). Never in production. */
  ENABLE_TEST_API: z.enum(['true', 'false']).default('false'),
  /** "id:base64(32 bytes)[,id:base64…]" — field encryption keys, the first one active (required in production). */
  ENCRYPTION_KEYS: z.string().optional(),
  /** base64 of 32+ bytes — key of the searchable hash of ID numbers (required in production). */
  SEARCH_HASH_KEY: z.string().optional(),
  /** Folder for uploaded files (health certificates), outside the web root. Default: DATA_DIR/uploads. */
  UPLOAD_DIR: z.string().optional(),
  /** Trust X-Forwarded-For from the load balancer in front of us. */
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  /** Run the background jobs in this process (default on; any number of processes may run them). */
  JOBS_ENABLED: z.enum(['true', 'false']).default('true'),
  /** This process's name in job and outbox claims (default host:pid:random). */
  JOB_WORKER_ID: z.string().max(100).optional(),
  /** How often the job loop looks for due runs, in ms. */
  JOB_POLL_MS: z.coerce.number().int().min(10).max(600_000).default(1000),
  /** How long a job run's claim lasts without a heartbeat, in ms: a run whose process died is taken again after it. */
  JOB_LEASE_MS: z.coerce.number().int().min(200).max(3_600_000).default(60_000),
  /** How often the outbox is delivered, in ms. */
  OUTBOX_EVERY_MS: z.coerce.number().int().min(10).max(3_600_000).default(1000),
  /** How long a claim on outbox messages lasts, in ms: messages of a process that died are sent after it. */
  OUTBOX_LEASE_MS: z.coerce.number().int().min(200).max(3_600_000).default(60_000),
  /** Outgoing channel: 'log' (the server log), or 'record' (development and tests: also a row in outbox_delivery). */
  OUTBOX_CHANNEL: z.enum(['log', 'record']).default('log'),
  /** Development and tests: each send through the 'record' channel takes this long, like a real gateway. */
  OUTBOX_SEND_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
});

export type Env = z.infer<typeof envSchema>;

export interface AppConfig {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  poolSize: number;
  production: boolean;
  seedDemo: boolean;
  cookieSecure: boolean;
  logLevel: Env['LOG_LEVEL'];
  enableTestApi: boolean;
  trustProxy: boolean;
  encryptionKeys?: string;
  searchHashKey?: string;
  uploadDir: string;
  jobs: {
    enabled: boolean;
    workerId?: string;
    pollMs: number;
    leaseMs: number;
    outboxEveryMs: number;
    outboxLeaseMs: number;
    outboxChannel: 'log' | 'record';
    outboxSendDelayMs: number;
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`配置错误 / invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production && (!e.ENCRYPTION_KEYS || !e.SEARCH_HASH_KEY)) {
    throw new Error('ENCRYPTION_KEYS and SEARCH_HASH_KEY are required in production');
  }
  if (production && e.ENABLE_TEST_API === 'true') {
    throw new Error('ENABLE_TEST_API must not be set in production');
  }
  if (production && e.OUTBOX_CHANNEL === 'record') {
    throw new Error('OUTBOX_CHANNEL=record is for development and tests, not production');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL || undefined,
    dataDir: e.DATA_DIR,
    poolSize: e.DATABASE_POOL_SIZE,
    production,
    seedDemo: e.SEED_DEMO ? e.SEED_DEMO === 'true' : !production,
    cookieSecure: e.COOKIE_SECURE ? e.COOKIE_SECURE === 'true' : production,
    logLevel: e.LOG_LEVEL,
    enableTestApi: e.ENABLE_TEST_API === 'true',
    trustProxy: e.TRUST_PROXY === 'true',
    encryptionKeys: e.ENCRYPTION_KEYS,
    searchHashKey: e.SEARCH_HASH_KEY,
    uploadDir: e.UPLOAD_DIR ?? `${e.DATA_DIR}/uploads`,
    jobs: {
      enabled: e.JOBS_ENABLED === 'true',
      workerId: e.JOB_WORKER_ID,
      pollMs: e.JOB_POLL_MS,
      leaseMs: e.JOB_LEASE_MS,
      outboxEveryMs: e.OUTBOX_EVERY_MS,
      outboxLeaseMs: e.OUTBOX_LEASE_MS,
      outboxChannel: e.OUTBOX_CHANNEL,
      outboxSendDelayMs: e.OUTBOX_SEND_DELAY_MS,
    },
  };
}
