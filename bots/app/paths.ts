import { fileURLToPath } from 'node:url';

/** prisma/migrations, found relative to this file so `heimo` works from any directory. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));
