import { describe, expect, it } from 'vitest';
import { summarize } from '../../../bots/app/sandbox/create-sandbox.ts';
import { readSandboxArgs } from '../../../bots/app/sandbox/sandbox-command.ts';

describe('heimo sandbox arguments', () => {
  it('should serve on 3100 at warn level with a temporary data folder when nothing is given', () => {
    expect(readSandboxArgs([], {})).toEqual({ port: 3100, logLevel: 'warn' });
  });

  it('should take the port and the data folder when --port and HEIMO_DATA_DIR are given', () => {
    expect(readSandboxArgs(['--port', '4000'], { HEIMO_DATA_DIR: '/tmp/x', LOG_LEVEL: 'info' })).toEqual({ port: 4000, logLevel: 'info', dataDir: '/tmp/x' });
    expect(readSandboxArgs(['--port=0'], {}).port).toBe(0);
  });

  it('should name the option when the port or an option is wrong', () => {
    expect(() => readSandboxArgs(['--port', 'http'], {})).toThrow('--port must be a number from 0 to 65535, got "http"');
    expect(() => readSandboxArgs(['--port'], {})).toThrow('--port must be a number');
    expect(() => readSandboxArgs(['--port', '70000'], {})).toThrow('--port must be a number');
    expect(() => readSandboxArgs(['--verbose'], {})).toThrow('unknown option "--verbose"');
    expect(() => readSandboxArgs([], { LOG_LEVEL: 'loud' })).toThrow('LOG_LEVEL must be one of');
  });
});

describe('sandbox status line', () => {
  it('should name the platforms and the queue when every check is ok', () => {
    const line = summarize({ ok: true, unconfigured: [], checks: { migrations: { ok: true, detail: 'applied' }, queue: { ok: true, detail: 'postgres connected' }, discord: { ok: true, detail: 'connected' }, slack: { ok: true, detail: 'connected' } } });
    expect(line).toEqual({ ok: true, summary: 'Heimo is relaying · discord, slack connected · postgres connected' });
  });

  it('should name each failing check with its detail when something is not ready', () => {
    const line = summarize({ ok: false, unconfigured: [], checks: { queue: { ok: true, detail: 'postgres connected' }, teams: { ok: false, detail: 'login failed' } } });
    expect(line).toEqual({ ok: false, summary: 'Heimo is not ready: teams (login failed)' });
  });
});
