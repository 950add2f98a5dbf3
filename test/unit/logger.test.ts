import { describe, expect, it } from 'vitest';
import { createLogger, logLevelOf, type LogLevel } from '../../core/logger.ts';

type Line = Record<string, unknown>;
const capture = (level: LogLevel = 'debug') => {
  const raw: string[] = [];
  const logger = createLogger({ level, write: (line) => raw.push(line) });
  return { logger, raw, lines: (): Line[] => raw.map((line) => JSON.parse(line) as Line) };
};

describe('pino logger', () => {
  it('should write one JSON line with time, level word, msg and fields when a message is logged', () => {
    const { logger, raw, lines } = capture();
    logger.info('hello', { count: 2 });
    expect(raw).toHaveLength(1);
    expect(raw[0]).not.toContain('\n');
    const [line] = lines();
    expect(line).toMatchObject({ level: 'info', msg: 'hello', count: 2, pid: process.pid });
    expect(new Date(String(line?.['time'])).toISOString()).toBe(line?.['time']);
  });

  it('should redact secret keys at any depth when fields hold them', () => {
    const { logger, raw } = capture();
    logger.warn('calling', { request: { headers: { Authorization: 'Basic c2VjcmV0', cookie: 'sid=abc' }, body: { client_secret: 's3cr3t', password: 'hunter2' } }, signature: 'v0=deadbeef' });
    const text = raw.join('\n');
    for (const secret of ['c2VjcmV0', 'sid=abc', 's3cr3t', 'hunter2', 'deadbeef']) expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
  });

  it('should scrub token-looking text when it hides in messages, error messages and causes', () => {
    const { logger, raw, lines } = capture();
    const cause = new Error('socket url wss://x/?ticket=abc-123-def');
    const error = Object.assign(new Error('auth failed for Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig', { cause }), { code: 'UNAUTHORIZED' });
    logger.error('slack said no to xoxb-1234-5678-abcdef and xapp-1-A1-99', { error, note: 'Bot MTIzNDU2Nzg5MDEyMzQ1Njc4.OTk5.abcdefghij' });
    const text = raw.join('\n');
    for (const secret of ['xoxb-1234', 'xapp-1-A1', 'eyJhbGciOiJIUzI1NiJ9', 'ticket=abc', 'MTIzNDU2Nzg5MDEyMzQ1Njc4']) expect(text).not.toContain(secret);
    expect(lines()[0]?.['error']).toMatchObject({ name: 'Error', code: 'UNAUTHORIZED', cause: { name: 'Error' } });
  });

  it('should redact child bindings when a child carries a secret', () => {
    const { logger, raw, lines } = capture();
    logger.child({ component: 'slack', token: 'xoxb-child-secret' }).child({ conversation: 'c1' }).info('bound');
    expect(raw.join('\n')).not.toContain('xoxb-child-secret');
    expect(lines()[0]).toMatchObject({ component: 'slack', conversation: 'c1', token: '[redacted]', msg: 'bound' });
  });

  it('should cut values when they nest deeper than the redaction walks', () => {
    const { logger, raw } = capture();
    let deep: Record<string, unknown> = { apiToken: 'deep-secret-value' };
    for (let i = 0; i < 10; i += 1) deep = { inner: deep };
    logger.info('deep', { deep });
    expect(raw.join('\n')).not.toContain('deep-secret-value');
  });

  it('should write only lines at or above the level when LOG_LEVEL is set', () => {
    const warn = capture('warn');
    warn.logger.debug('d');
    warn.logger.info('i');
    warn.logger.warn('w');
    warn.logger.error('e');
    warn.logger.fatal('f');
    expect(warn.lines().map((line) => line['level'])).toEqual(['warn', 'error', 'fatal']);
    const silent = capture('silent');
    silent.logger.fatal('nothing');
    expect(silent.raw).toEqual([]);
  });

  it('should fall back to info when LOG_LEVEL does not name a level', () => {
    expect(logLevelOf(undefined)).toBe('info');
    expect(logLevelOf('loud')).toBe('info');
    expect(logLevelOf(' WARN ')).toBe('warn');
  });
});
