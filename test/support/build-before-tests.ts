import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Vitest global setup: process tests spawn the built `heimo` (.build/), so the build must match
 * the sources under test, in a fresh clone too. tsc is incremental: a build with nothing changed
 * takes a few seconds.
 */
export default async function buildBeforeTests(): Promise<void> {
  await promisify(execFile)(process.execPath, [fileURLToPath(new URL('node_modules/typescript/bin/tsc', `file://${ROOT}`)), '-p', 'config/tsconfig.build.json'], { cwd: ROOT }).catch((error: { stdout?: string }) => {
    throw new Error(`npm run build failed before the tests:\n${error.stdout ?? String(error)}`);
  });
}
