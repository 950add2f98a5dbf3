// `npm run bench:startup`: cold start to ready (/healthz 200) and idle RSS of `heimo start`, on the
// embedded defaults (first start and restart) and, when DATABASE_URL and REDIS_URL are set, on
// PostgreSQL + Redis. BENCH_IDLE_MS changes the idle wait (default 30 s); BENCH_HEIMO_ROOT measures
// another checkout's bots/app/heimo.mjs (an older commit, for a before/after comparison).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Redis } from 'ioredis';
import { measureStart, type StartSample } from './measure-start.ts';

const ROOT = process.env['BENCH_HEIMO_ROOT'] ?? fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'bots/app/heimo.mjs');
const idleMs = Number(process.env['BENCH_IDLE_MS'] ?? 30_000);

interface Row {
  scenario: string;
  target: string;
  sample: StartSample;
}

// Only what Node needs plus the scenario's variables: the caller's DATABASE_URL never leaks into an embedded run.
const baseEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ']) if (process.env[name] !== undefined) env[name] = process.env[name];
  return env;
};

const start = (env: NodeJS.ProcessEnv): Promise<StartSample> => measureStart({ command: [process.execPath, BIN, 'start'], env: { ...baseEnv(), ...env }, cwd: ROOT, idleMs });

async function embedded(rows: Row[]): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'heimo-startup-'));
  try {
    rows.push({ scenario: 'embedded, first start (fresh HEIMO_DATA_DIR)', target: '<= 10 s', sample: await start({ HEIMO_DATA_DIR: dataDir }) });
    rows.push({ scenario: 'embedded, restart', target: '<= 3 s, <= 300 MB', sample: await start({ HEIMO_DATA_DIR: dataDir }) });
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function services(rows: Row[], serverUrl: string, redisUrl: string): Promise<void> {
  const name = `heimo_startup_${randomBytes(4).toString('hex')}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const prefix = `heimo-startup-${randomBytes(4).toString('hex')}`;
  const env = { DATABASE_URL: url.toString(), REDIS_URL: redisUrl, HEIMO_QUEUE_PREFIX: prefix };
  try {
    rows.push({ scenario: 'PostgreSQL + Redis, first start (migrates)', target: '', sample: await start(env) });
    rows.push({ scenario: 'PostgreSQL + Redis, restart', target: '<= 2 s, <= 200 MB', sample: await start(env) });
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  }
}

const rows: Row[] = [];
await embedded(rows);
const databaseUrl = process.env['DATABASE_URL'];
const redisUrl = process.env['REDIS_URL'];
if (databaseUrl && redisUrl) await services(rows, databaseUrl, redisUrl);
else process.stdout.write('PostgreSQL + Redis skipped: set DATABASE_URL (a server Heimo may create a database on) and REDIS_URL\n');

process.stdout.write(`\nheimo start, node ${process.version}, idle ${idleMs / 1000} s before reading RSS\n\n`);
process.stdout.write('| scenario | target | ready (/healthz 200) | idle RSS | stop (SIGTERM) | exit |\n|---|---|---|---|---|---|\n');
for (const { scenario, target, sample } of rows) {
  process.stdout.write(`| ${scenario} | ${target} | ${(sample.readyMs / 1000).toFixed(2)} s | ${sample.idleRssMb} MB | ${Math.round(sample.stopMs)} ms | ${sample.exitCode} |\n`);
}
