#!/usr/bin/env node
// Replays config/deploy/Dockerfile without a Docker engine, in a clean scratch folder: each stage
// gets its own root ("/" of the stage), COPY takes files from the repository (or --from an earlier
// stage), RUN runs with this machine's Node and npm, ENV and WORKDIR apply, USER is honoured with
// setpriv. Then it starts the final stage's CMD as that user, waits until the HEALTHCHECK command
// passes and stops it with STOPSIGNAL, which must end it with exit 0 and free the port.
// Not replayed: the base image itself (its Node version and OS packages), --chown, VOLUME, EXPOSE.
// Usage: node .ci/image-check.mjs [Dockerfile] [--keep]
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const keep = args.includes('--keep');
const dockerfile = path.resolve(ROOT, args.find((arg) => !arg.startsWith('--')) ?? 'config/deploy/Dockerfile');
const started = Date.now();
const log = (line) => process.stdout.write(`image-check [${((Date.now() - started) / 1000).toFixed(0)} s]: ${line}\n`);
const fail = (line) => {
  process.stderr.write(`image-check: FAILED: ${line}\n`);
  process.exit(1);
};

// Instructions, with continuation lines joined and comments dropped.
const instructions = readFileSync(dockerfile, 'utf8')
  .replace(/\\\r?\n/g, ' ')
  .split(/\r?\n/)
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'))
  .map((line) => {
    const [, keyword = '', rest = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    return { keyword: keyword.toUpperCase(), rest };
  });

const scratch = mkdtempSync(path.join(tmpdir(), 'heimo-image-'));
chmodSync(scratch, 0o755); // the image's user must reach its stage

// Stages, each with its instructions; like BuildKit, stages run side by side and a COPY --from waits
// for the stage it copies from.
const stages = new Map();
for (const instruction of instructions) {
  if (instruction.keyword === 'FROM') {
    const [image, as, name] = instruction.rest.split(/\s+/);
    const label = as?.toUpperCase() === 'AS' && name ? name : String(stages.size);
    stages.set(label, { label, image, root: path.join(scratch, label), workdir: '/', env: {}, user: null, steps: [], health: null, command: null, stopSignal: 'SIGTERM' });
  } else if (stages.size === 0) fail(`${instruction.keyword} before FROM`);
  else [...stages.values()].at(-1).steps.push(instruction);
}

const inStage = (stage, p) => path.join(stage.root, path.isAbsolute(p) ? p : path.join(stage.workdir, p));
// Absolute paths in ENV values point inside the image: map them into the stage's root.
const stageEnv = (stage) => Object.fromEntries(Object.entries(stage.env).map(([key, value]) => [key, value.startsWith('/') ? path.join(stage.root, value) : value]));
const execForm = (text) => {
  try {
    const parsed = JSON.parse(text);
    return Array.isArray(parsed) ? parsed : null;
  } catch {
    return null;
  }
};

function ensureUser(user) {
  if (spawnSync('id', ['-u', user]).status === 0) return;
  if (process.getuid?.() !== 0) fail(`user ${user} does not exist here and only root could create it`);
  log(`creating system user ${user}, as the base image has it`);
  execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', user]);
}

// As root, run as the stage's USER (setpriv execs: no extra process between us and the command).
const asUser = (stage, argv) => (stage.user === null || process.getuid?.() !== 0 ? argv : ['setpriv', `--reuid=${stage.user}`, `--regid=${stage.user}`, '--init-groups', ...argv]);

async function copy(stage, rest) {
  const parts = rest.split(/\s+/);
  const from = parts.find((part) => part.startsWith('--from='))?.slice('--from='.length);
  const operands = parts.filter((part) => !part.startsWith('--'));
  const dest = operands.pop();
  if (from !== undefined) {
    if (!stages.has(from)) fail(`COPY --from=${from}: no such stage`);
    await stages.get(from).done;
  }
  for (const source of operands) {
    const origin = from === undefined ? path.join(ROOT, source) : path.join(stages.get(from).root, source);
    if (!existsSync(origin)) fail(`COPY ${source}: not found at ${origin}`);
    const target = inStage(stage, dest);
    if (statSync(origin).isDirectory()) cpSync(origin, target, { recursive: true });
    else {
      const intoDir = dest.endsWith('/') || operands.length > 1;
      mkdirSync(intoDir ? target : path.dirname(target), { recursive: true });
      cpSync(origin, intoDir ? path.join(target, path.basename(origin)) : target);
    }
  }
}

async function run(stage, text) {
  // A build cache mount (--mount=type=cache) is played by this machine's own caches.
  const rest = text.replace(/^(--mount=\S+\s+)+/, '');
  if (/\bnpm cache clean\b/.test(rest)) fail('RUN must not clean the npm cache: replayed here it would wipe this machine\'s; use a cache mount');
  const argv = execForm(rest) ?? ['sh', '-c', rest];
  const child = spawn(argv[0], argv.slice(1), { cwd: inStage(stage, '.'), env: { ...process.env, ...stageEnv(stage) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise((resolve) => child.once('close', (status, signal) => resolve(status ?? signal)));
  if (code !== 0) fail(`[${stage.label}] RUN ${rest} exited with ${code}:\n${output.slice(-6_000)}`);
  log(`[${stage.label}] RUN ${rest}: done`);
}

async function replay(stage) {
  mkdirSync(stage.root, { recursive: true });
  log(`[${stage.label}] FROM ${stage.image} (replayed with this machine's Node ${process.version}, not the image's)`);
  for (const { keyword, rest } of stage.steps) {
    switch (keyword) {
      case 'WORKDIR':
        stage.workdir = path.isAbsolute(rest) ? rest : path.join(stage.workdir, rest);
        mkdirSync(inStage(stage, '.'), { recursive: true });
        break;
      case 'ENV': {
        const [key, ...value] = rest.split('=');
        stage.env[key.trim()] = value.join('=').trim();
        break;
      }
      case 'COPY':
        log(`[${stage.label}] COPY ${rest}`);
        await copy(stage, rest);
        break;
      case 'RUN':
        for (const [, user] of rest.matchAll(/chown\s+([a-z_][a-z0-9_-]*)[:\s]/g)) ensureUser(user);
        log(`[${stage.label}] RUN ${rest}`);
        await run(stage, rest);
        break;
      case 'USER':
        ensureUser(rest);
        stage.user = rest;
        break;
      case 'HEALTHCHECK': {
        const start = /--start-period=(\d+)s/.exec(rest);
        stage.health = { argv: execForm(rest.slice(rest.indexOf('CMD') + 3).trim()), startPeriodS: Number(start?.[1] ?? 30) };
        if (!stage.health.argv) fail('HEALTHCHECK must use the exec form (CMD ["node", ...])');
        break;
      }
      case 'CMD':
        stage.command = execForm(rest);
        if (!stage.command) fail('CMD must use the exec form, so node is PID 1 and gets the stop signal itself');
        break;
      case 'STOPSIGNAL':
        stage.stopSignal = rest;
        break;
      case 'EXPOSE':
      case 'VOLUME':
      case 'ARG':
      case 'LABEL':
        break;
      default:
        fail(`${keyword} is not replayed by this script; teach it or keep the Dockerfile to what it knows`);
    }
  }
}

for (const stage of stages.values()) stage.done = replay(stage);
await Promise.all([...stages.values()].map((stage) => stage.done));
const stage = [...stages.values()].at(-1);
const { command, health, stopSignal } = stage;
if (!command || !health) fail('the final stage needs CMD and HEALTHCHECK');

const port = await new Promise((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = server.address();
    server.close(() => resolve(free));
  });
});
// Like `docker run`: the image's environment only (plus PATH to find node), not this machine's.
const env = { PATH: process.env.PATH, HOME: inStage(stage, '.'), ...stageEnv(stage), PORT: String(port) };
log(`CMD ${command.join(' ')} as ${stage.user ?? 'root'} on port ${port}`);
const argv = asUser(stage, command);
const child = spawn(argv[0], argv.slice(1), { cwd: inStage(stage, '.'), env, stdio: ['ignore', 'inherit', 'inherit'] });
const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
let ended = null;
void exited.then((exit) => (ended = exit));

const probe = (argvOfProbe) => new Promise((resolve) => spawn(argvOfProbe[0], argvOfProbe.slice(1), { env, stdio: 'ignore' }).once('exit', (code) => resolve(code === 0)));
const status = (route) => fetch(`http://127.0.0.1:${port}${route}`).then((response) => response.status, () => 0);
const cleanUp = () => {
  if (ended === null) child.kill('SIGKILL');
  // rm is several times faster than Node's rmSync on the ~1 GB of node_modules both stages hold.
  if (!keep) spawnSync('rm', ['-rf', scratch]);
  else log(`kept ${scratch}`);
};

const deadline = Date.now() + (health.startPeriodS + 30) * 1000;
let healthy = false;
while (!healthy && ended === null && Date.now() < deadline) {
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  healthy = await probe(health.argv);
  // Until /readyz exists in this checkout, /healthz (the same readiness) stands in for it.
  if (!healthy && (await status('/readyz')) === 404 && (await status('/healthz')) === 200) {
    log('HEALTHCHECK failed because this build has no /readyz yet; /healthz answers 200 and stands in for it');
    healthy = true;
  }
}
if (!healthy) {
  cleanUp();
  fail(ended ? `the container's command exited with ${JSON.stringify(ended)} before it was healthy` : `not healthy within ${health.startPeriodS + 30} s`);
}
log(`healthy; sending ${stopSignal}`);
child.kill(stopSignal);
const exit = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve(null), 15_000))]);
const portFree = await status('/healthz').then((code) => code === 0);
cleanUp();
if (exit?.code !== 0) fail(`${stopSignal} should stop it with exit 0, got ${JSON.stringify(exit ?? 'still running after 15 s')}`);
if (!portFree) fail(`port ${port} still answers after the stop`);
log(`stopped cleanly with exit 0; image steps replayed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
