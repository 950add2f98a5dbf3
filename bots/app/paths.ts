import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// This file runs from bots/app/ (sources, tests) or from .build/bots/app/ (the built `heimo`);
// the migrations stay in the checkout's prisma/ either way, one level further up for the build.
const candidates = ['../../prisma/migrations', '../../../prisma/migrations'].map((relative) => fileURLToPath(new URL(relative, import.meta.url)));

/** prisma/migrations, found relative to this file so `heimo` works from any directory, built or not. */
export const MIGRATIONS_DIR = candidates.find((dir) => existsSync(`${dir}/migration_lock.toml`)) ?? candidates[0]!;
