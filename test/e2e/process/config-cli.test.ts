import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fatalOf, HEIMO_BIN } from './heimo-process.ts';

// `heimo config check` in `cwd` with only `env` (plus PATH/HOME): what an operator's shell would run.
const heimo = (args: string[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const base = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' };
    execFile(process.execPath, [HEIMO_BIN, ...args], { cwd, env: { ...base, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
    });
  });

describe('heimo reads a .env file (through the CLI)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'heimo-dotenv-'));
    await writeFile(join(dir, '.env'), '# operator settings\nPORT=eighty\nDISCORD_TOKEN="MTA.from-dotenv"\n');
    await writeFile(join(dir, 'other.env'), 'SLACK_BOT_TOKEN=xoxb-1\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('should use the .env of the working directory and let the real environment win over it', async () => {
    const fromFile = await heimo(['config', 'check'], dir);
    const overridden = await heimo(['config', 'check'], dir, { PORT: '3001' });

    expect(fromFile.code).toBe(78);
    expect(fatalOf(fromFile.stderr)).toBe('PORT must be a whole number from 0 to 65535, got "eighty"');
    expect(overridden.code).toBe(0);
    expect(overridden.stdout).toContain('discord: configured');
  });

  it('should read the file HEIMO_ENV_FILE names instead, and name it when it cannot be read', async () => {
    const named = await heimo(['config', 'check'], dir, { HEIMO_ENV_FILE: 'other.env' });
    const missing = await heimo(['config', 'check'], dir, { HEIMO_ENV_FILE: 'nowhere.env' });

    expect(named.code).toBe(78);
    expect(named.stderr).toContain('SLACK_SIGNING_SECRET is required when SLACK_BOT_TOKEN is set');
    expect(missing.code).toBe(78);
    expect(missing.stderr).toContain('HEIMO_ENV_FILE: cannot read');
  });
});
