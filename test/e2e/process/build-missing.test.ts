import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { HEIMO_BIN } from './heimo-process.ts';

describe('heimo without a build', () => {
  it('should stop saying to run npm run build when .build is missing', async () => {
    // The bin alone in a checkout-shaped folder that was never built.
    const checkout = await mkdtemp(join(tmpdir(), 'heimo-unbuilt-'));
    try {
      await mkdir(join(checkout, 'bots/app'), { recursive: true });
      await copyFile(HEIMO_BIN, join(checkout, 'bots/app/heimo.mjs'));
      const result = await promisify(execFile)(process.execPath, [join(checkout, 'bots/app/heimo.mjs'), 'start']).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^heimo: .*\.build\/bots\/app\/cli\.js is missing: run `npm run build` first/);
      expect(result.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    } finally {
      await rm(checkout, { recursive: true, force: true });
    }
  });
});
