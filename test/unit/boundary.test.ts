import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkTree, importsOf, violations, type ImportRule } from '../support/import-rules.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SDK = /^(@slack\/|discord\.js$|@discordjs\/|botbuilder|botframework-|@microsoft\/|express$)/;
const PLATFORMS = ['discord', 'slack', 'teams'] as const;
// The kernel every module may import directly: domain types, platform adapter ports, infrastructure.
// Every other folder of core is a capability module, reached from outside only through its index.ts.
const KERNEL_DIRS = new Set(['domain', 'ports', 'infra']);
const MODULES = readdirSync(join(ROOT, 'core'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !KERNEL_DIRS.has(entry.name))
  .map((entry) => entry.name);

// The dependency rule of the house, executable: core is SDK-free, bots are adapters that never
// import each other and see core only through core/index.ts, each SDK stays in its own bot, core's
// capability modules meet only through their index.ts, and only core/infra touches Prisma or drivers.
const RULES: ImportRule[] = [
  { name: 'core imports no chat SDK', from: /^core\//, forbid: SDK },
  { name: 'core does not depend on bots, config or tests', from: /^core\//, forbid: /^(bots|config|test)\// },
  {
    name: 'only core/infra touches database and Redis drivers',
    from: /^core\/(?!infra\/)/,
    forbid: /^(@prisma\/|prisma$|pg$|ioredis$|@electric-sql\/|pglite-prisma-adapter$)/,
  },
  // A capability owns its tables: its `sql-*.ts` store may use the statement runner and the
  // database handle, and nothing else of core/infra; the rest of the capability stays storage-free.
  {
    name: 'a capability SQL store uses only sql-support and the database from core/infra',
    from: /^core\/(?!infra\/)[a-z-]+\/sql-[a-z-]+\.ts$/,
    forbid: /^core\/infra\//,
    allow: /^core\/infra\/(store\/sql-support\.ts|db\/[a-z-]+\.ts)$/,
  },
  // A capability's SQL (core/<module>/sql-*.ts) runs through core/infra; the rest of core stays off it.
  { name: 'only SQL files reach into core/infra', from: /^core\/(?!infra\/)(?![a-z-]+\/sql-[a-z-]+\.ts$)/, forbid: /^core\/infra\// },
  // Modules meet through their public entry, so one can change its insides without breaking another;
  // the composition root (bots/app) wires modules through the same entries.
  ...MODULES.map((module) => ({
    name: `core/${module} is reached only through its index.ts`,
    from: new RegExp(`^(core/(?!${module}/)|bots/app/)`),
    forbid: new RegExp(`^core/${module}/(?!index\\.ts$)`),
  })),
  { name: 'config stays free of SDKs and infrastructure', from: /^config\//, forbid: SDK },
  { name: 'config uses only core domain types and errors', from: /^config\//, forbid: /^(core\/(?!domain\/|errors\.ts|logger\.ts)|bots\/)/ },
  ...PLATFORMS.map((platform) => ({
    name: `bots/${platform} imports no other bot`,
    from: new RegExp(`^bots/${platform}/`),
    forbid: new RegExp(`^bots/(?!${platform}/)`),
  })),
  ...PLATFORMS.map((platform) => ({
    name: `bots/${platform} imports core only through core/index.ts`,
    from: new RegExp(`^bots/${platform}/`),
    forbid: /^core\/(?!index\.ts$)/,
  })),
  { name: 'Slack SDK stays in bots/slack', from: /^(?!bots\/slack\/)/, forbid: /^@slack\// },
  { name: 'discord.js stays in bots/discord', from: /^(?!bots\/discord\/)/, forbid: /^(discord\.js|@discordjs\/)$/ },
  { name: 'Teams SDK stays in bots/teams', from: /^(?!bots\/teams\/)/, forbid: /^(botbuilder|botframework-|@microsoft\/)/ },
  { name: 'fakes stand alone', from: /^test\/fakes\//, forbid: /^(bots|core)\/(?!errors\.ts)/ },
  // The sandbox runs Heimo against the test stand-ins; nothing else that ships may lean on test code.
  { name: 'only bots/app/sandbox imports test/fakes', from: /^(bots|core|config)\/(?!app\/sandbox\/)/, forbid: /^test\/fakes\// },
  { name: 'shipped code imports nothing else from test/', from: /^(bots|core|config)\//, forbid: /^test\/(?!fakes\/)/ },
];

describe('import boundaries', () => {
  it('should find no forbidden import when the whole tree is checked', () => {
    expect(checkTree(ROOT, ['core', 'bots', 'config', 'test/fakes'], RULES)).toEqual([]);
  });

  it('should report a violation when core imports a chat SDK', () => {
    const edges = importsOf('core/conversations/bad.ts', "import { App } from '@slack/bolt';", ROOT);
    expect(violations(edges, RULES)).toContain('core imports no chat SDK: core/conversations/bad.ts imports "@slack/bolt"');
  });

  it('should report a violation when one bot imports another', () => {
    const edges = importsOf('bots/slack/x.ts', "import type { X } from '../discord/create-discord-bot.ts';", ROOT);
    expect(violations(edges, RULES)).toContain('bots/slack imports no other bot: bots/slack/x.ts imports "../discord/create-discord-bot.ts"');
  });

  it('should report a violation when use-case code imports Prisma or an SDK dynamically', () => {
    const edges = importsOf('core/conversations/y.ts', "const m = await import('discord.js');\nimport { PrismaClient } from '@prisma/client';", ROOT);
    const found = violations(edges, RULES);
    expect(found).toContain('core imports no chat SDK: core/conversations/y.ts imports "discord.js"');
    expect(found).toContain('only core/infra touches database and Redis drivers: core/conversations/y.ts imports "@prisma/client"');
  });

  it('should let only a capability SQL store reach sql-support and the database when core imports core/infra', () => {
    const store = importsOf('core/routing/sql-routing-store.ts', "import { sqlRunner } from '../infra/store/sql-support.ts';\nimport type { Database } from '../infra/db/create-database.ts';", ROOT);
    expect(violations(store, RULES)).toEqual([]);
    const queue = importsOf('core/routing/sql-routing-store.ts', "import { createQueue } from '../infra/queue/create-queue.ts';", ROOT);
    expect(violations(queue, RULES)).toContain('a capability SQL store uses only sql-support and the database from core/infra: core/routing/sql-routing-store.ts imports "../infra/queue/create-queue.ts"');
    const logic = importsOf('core/routing/route-question.ts', "import { sqlRunner } from '../infra/store/sql-support.ts';", ROOT);
    expect(violations(logic, RULES)).toContain('only SQL files reach into core/infra: core/routing/route-question.ts imports "../infra/store/sql-support.ts"');
  });

  it('should report a violation when shipped code outside bots/app/sandbox imports a fake', () => {
    const edges = importsOf('bots/app/create-heimo.ts', "import { createFakeSlack } from '../../test/fakes/slack/fake-slack.ts';", ROOT);
    expect(violations(edges, RULES)).toContain('only bots/app/sandbox imports test/fakes: bots/app/create-heimo.ts imports "../../test/fakes/slack/fake-slack.ts"');
  });

  it('should allow the sandbox to import the fakes but no other test code when it starts the stand-ins', () => {
    const fakes = importsOf('bots/app/sandbox/stand-ins.ts', "import { createFakeDiscord } from '../../../test/fakes/discord/index.ts';", ROOT);
    expect(violations(fakes, RULES)).toEqual([]);
    const support = importsOf('bots/app/sandbox/stand-ins.ts', "import { eventually } from '../../../test/support/eventually.ts';", ROOT);
    expect(violations(support, RULES)).toContain('shipped code imports nothing else from test/: bots/app/sandbox/stand-ins.ts imports "../../../test/support/eventually.ts"');
  });

  it('should allow bots/app to compose every bot when it wires the application', () => {
    const edges = importsOf('bots/app/create-bots.ts', "import { createSlackBot } from '../slack/create-slack-bot.ts';", ROOT);
    expect(violations(edges, RULES)).toEqual([]);
  });

  it('should report a violation when a core module imports another module past its index.ts', () => {
    const edges = importsOf('core/outbox/x.ts', "import { createRelay } from '../conversations/create-relay.ts';", ROOT);
    expect(violations(edges, RULES)).toContain(
      'core/conversations is reached only through its index.ts: core/outbox/x.ts imports "../conversations/create-relay.ts"',
    );
  });

  it('should allow a module to import another through its index.ts and the kernel directly when it needs them', () => {
    const text = [
      "import { createRelay } from '../conversations/index.ts';",
      "import type { Platform } from '../domain/types.ts';",
      "import type { Logger } from '../ports/logger.ts';",
      "import { HeimoError } from '../errors.ts';",
      "import type { OutboxStore } from './port.ts';",
    ].join('\n');
    expect(violations(importsOf('core/outbox/x.ts', text, ROOT), RULES)).toEqual([]);
  });

  it('should report a violation when bots/app wires a module past its index.ts', () => {
    const edges = importsOf('bots/app/x.ts', "import { executeDelivery } from '../../core/outbox/execute-delivery.ts';", ROOT);
    expect(violations(edges, RULES)).toContain(
      'core/outbox is reached only through its index.ts: bots/app/x.ts imports "../../core/outbox/execute-delivery.ts"',
    );
    const infra = importsOf('bots/app/x.ts', "import { createDatabase } from '../../core/infra/db/create-database.ts';", ROOT);
    expect(violations(infra, RULES)).toEqual([]);
  });

  it('should report a violation when a platform bot imports core other than through core/index.ts', () => {
    const edges = importsOf('bots/teams/x.ts', "import { clampTitle } from '../../core/format/title.ts';\nimport type { Logger } from '../../core/ports/logger.ts';", ROOT);
    const found = violations(edges, RULES);
    expect(found).toContain('bots/teams imports core only through core/index.ts: bots/teams/x.ts imports "../../core/format/title.ts"');
    expect(found).toContain('bots/teams imports core only through core/index.ts: bots/teams/x.ts imports "../../core/ports/logger.ts"');
    expect(violations(importsOf('bots/teams/x.ts', "import { clampTitle } from '../../core/index.ts';", ROOT), RULES)).toEqual([]);
  });

  it('should report a violation when a core file other than a module SQL file imports core/infra', () => {
    const infra = "import type { Database } from '../infra/db/create-database.ts';";
    expect(violations(importsOf('core/outbox/drain-stream.ts', infra, ROOT), RULES)).toContain(
      'only SQL files reach into core/infra: core/outbox/drain-stream.ts imports "../infra/db/create-database.ts"',
    );
    expect(violations(importsOf('core/outbox/sql-outbox-store.ts', infra, ROOT), RULES)).toEqual([]);
  });

  it('should report a violation when a module SQL file imports a database driver itself', () => {
    const edges = importsOf('core/outbox/sql-outbox-store.ts', "import pg from 'pg';", ROOT);
    expect(violations(edges, RULES)).toContain('only core/infra touches database and Redis drivers: core/outbox/sql-outbox-store.ts imports "pg"');
  });
});
