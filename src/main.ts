// `npm start`: opens the database (embedded PGlite by default, PostgreSQL with DATABASE_URL), migrates and seeds
// it, builds the front ends when needed, and serves the API, the console and the parent H5.
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from './config.ts';
import { openDatabase, DataDirLockedError, type Database } from './db/database.ts';
import { prepareDatabase } from './db/prepare.ts';
import { DEMO_ACCOUNTS, DEMO_GUARDIAN_PHONE, DEMO_PASSWORD } from './db/seed/demo.ts';
import { MovableClock, systemClock } from './domain/time.ts';
import { buildApp, WEB_DIST } from './server/app.ts';
import { startWorkers } from './server/workers.ts';
import { cipherFromConfig } from './server/secrets.ts';
import { FolderFileStore } from './server/files.ts';
import { translate } from './shared/i18n/index.ts';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Outside production, (re)build the front ends when they are missing or older than their sources. */
async function ensureWebBuilt(production: boolean) {
  const built = path.join(WEB_DIST, 'console.html');
  const sources = [path.join(ROOT, 'src/web'), path.join(ROOT, 'src/shared')];
  const stale = !fs.existsSync(built) || Math.max(...sources.map(newestMtime)) > fs.statSync(built).mtimeMs;
  if (!stale || production || process.env.WEB_DIST) return;
  console.log('正在构建前端(首次启动约需一分钟)… Building the web front ends…');
  const { build } = await import('vite');
  await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
}

async function main() {
  const config = loadConfig();
  await ensureWebBuilt(config.production);
  let database: Database;
  try {
    database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: config.poolSize });
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const cipher = cipherFromConfig(config);
  const files = new FolderFileStore(config.uploadDir);
  const { applied, seeded } = await prepareDatabase(database.db, { demo: config.seedDemo, cipher, files, now: new Date() });
  const clock = config.enableTestApi ? new MovableClock(systemClock) : systemClock;
  const app = await buildApp(
    { db: database.db, clock, config, cipher, files },
    {
      logger: { level: config.logLevel, transport: undefined },
    },
  );
  const stopWorkers = startWorkers(app);
  await app.listen({ port: config.port, host: config.host });

  const base = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${(app.server.address() as { port: number }).port}`;
  const roleName = (role: string) => translate('zh-CN', `roles.${role}`);
  const lines = [
    '',
    `宝宝屋 Baobaowu — ${database.describe}${applied.length ? `(已执行迁移 ${applied.length} 个)` : ''}${seeded ? ',已写入虹口区演示数据' : ''}`,
    `  管理平台 Console : ${base}/console/`,
    `  家长端 Parent H5 : ${base}/h5/`,
    `  接口文档 API docs: ${base}/api/docs`,
  ];
  if (config.seedDemo) {
    lines.push('', `演示账号 Demo accounts(管理平台密码 password: ${DEMO_PASSWORD})`);
    for (const a of DEMO_ACCOUNTS) lines.push(`  ${roleName(a.role).padEnd(8, ' ')} ${a.username.padEnd(18)} ${a.displayName}`);
    lines.push(
      `  ${roleName('guardian').padEnd(8, ' ')} 手机号 ${DEMO_GUARDIAN_PHONE}(验证码见本日志 / the one-time code appears in this log)`,
    );
  }
  console.log(lines.join('\n'));

  const shutdown = async () => {
    await stopWorkers();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
