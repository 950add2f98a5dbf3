import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pidFilePath, serveReloads } from '../../bots/app/reload-command.ts';
import { createLogger } from '../../core/logger.ts';

const recording = () => {
  const lines: Array<{ level: string; msg: string }> = [];
  return { lines, logger: createLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line) as { level: string; msg: string }) }) };
};

describe('serveReloads', () => {
  it('should write the pid file, reload on SIGHUP and clean up when it stops', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'heimo-pid-'));
    let reloads = 0;
    const stop = await serveReloads(dir, async () => (reloads += 1), recording().logger);
    try {
      expect((await readFile(pidFilePath(dir), 'utf8')).trim()).toBe(String(process.pid));
      process.emit('SIGHUP', 'SIGHUP');
      expect(reloads).toBe(1);
    } finally {
      await stop();
    }
    process.emit('SIGHUP', 'SIGHUP');
    expect(reloads).toBe(1);
    await expect(readFile(pidFilePath(dir), 'utf8')).rejects.toThrow();
    await rm(dir, { recursive: true, force: true });
  });

  it('should still reload on SIGHUP and warn when the data directory cannot be written', async () => {
    const { lines, logger } = recording();
    const dir = await mkdtemp(join(tmpdir(), 'heimo-pid-'));
    await writeFile(join(dir, 'a-file'), 'not a directory');
    let reloads = 0;
    const stop = await serveReloads(join(dir, 'a-file', 'data'), async () => (reloads += 1), logger);
    try {
      process.emit('SIGHUP', 'SIGHUP');
      expect(reloads).toBe(1);
      expect(lines.some((line) => line.level === 'warn' && line.msg.startsWith('cannot write the pid file'))).toBe(true);
    } finally {
      await stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
