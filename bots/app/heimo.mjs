#!/usr/bin/env node
// The `heimo` command: runs the CLI that `npm run build` compiled into .build/, in this very
// process (no loader, no child process), so signals reach Heimo itself.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../../.build/bots/app/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write(`heimo: ${fileURLToPath(cli)} is missing: run \`npm run build\` first (it compiles the TypeScript sources into .build/)\n`);
  process.exit(1);
}
const { main } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2), process.env);
