import { request } from 'node:http';
import { createHeimo, type Heimo } from '../../../bots/app/create-heimo.ts';
import type { Actor } from '../../../core/domain/domain-events.ts';
import type { QueueFactory } from '../../../core/infra/queue/create-queue-factory.ts';
import type { ArticleContent, KnowledgeService } from '../../../core/knowledge/index.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { createTestQueues } from '../../support/queue.ts';
import { draftOf, knowledgeNetwork } from '../knowledge/knowledge-fixture.ts';

/** Where the world's Heimo says its pages are (HEIMO_PUBLIC_URL, with a path). */
export const PUBLIC_URL = 'https://help.example.com/support';

/** A script in every text field of one article: the pages must show it as text. */
export const HOSTILE = '<script>alert("kb")</script>';

const MOD: Actor = { kind: 'person', platform: 'slack', userId: 'mod', displayName: 'Mo Derator' };
const ANN: Actor = { kind: 'person', platform: 'discord', userId: 'ann', displayName: 'Ann Asker' };

/** The articles of the world, by what should become of them on the web. */
export interface Seeded {
  /** Published and public, with a script in every field. */
  hostile: string;
  /** Captured from a conversation (contributors, Discord and Slack sources) and published. */
  captured: string;
  /** Must never be served: a draft, a rejected, a retired, a community-only and a staff-only article. */
  hidden: Record<'draft' | 'rejected' | 'retired' | 'community' | 'staff', string>;
  /** Imported and published (source ids imp-1..imp-N), enough for a second index page. */
  imported: number;
}

/** A whole Heimo (createHeimo, real database and queue) serving the knowledge base, and its articles. */
export interface KbWebWorld {
  db: TestDatabase;
  heimo: Heimo;
  kb: KnowledgeService;
  seeded: Seeded;
  stop(): Promise<void>;
}

const hiddenTitle = (name: string): string => `Hidden ${name} article about exports`;

async function seed(kb: KnowledgeService, heimo: Heimo): Promise<Seeded> {
  const add = async (title: string, extra: Partial<ArticleContent> = {}): Promise<string> =>
    (await kb.add({ communityId: 'acme', content: { title, question: `Question of ${title}`, answer: `Answer of ${title}`, ...extra }, actor: ANN })).id;
  const published = async (title: string, extra: Partial<ArticleContent> = {}): Promise<string> => (await kb.publish(await add(title, extra), MOD)).id;

  const hostile = await published(`Reset ${HOSTILE} password`, {
    question: `How do I reset it? ${HOSTILE}`,
    answer: `Open **Settings** ${HOSTILE} and press Reset.`,
    context: `Seen on ${HOSTILE} Windows`,
    tags: ['login', HOSTILE],
    product: `App ${HOSTILE}`,
    version: '2.1',
  });
  const draft = await heimo.capabilities.jobs.transaction((tx) => kb.saveDraft(tx, draftOf()));
  const captured = (await kb.publish(draft.article.id, MOD)).id;
  const rejected = await add(hiddenTitle('rejected'));
  await kb.reject(rejected, MOD, 'not useful');
  const retired = await published(hiddenTitle('retired'));
  await kb.retire(retired, MOD);
  const hidden = {
    draft: await add(hiddenTitle('draft')),
    rejected,
    retired,
    community: await published(hiddenTitle('community'), { visibility: 'community' }),
    staff: await published(hiddenTitle('staff'), { visibility: 'staff' }),
  };
  const imported = 22;
  const rows = Array.from({ length: imported }, (_, i) => ({ id: `imp-${i + 1}`, title: `Imported question number ${i + 1} about invoices`, body: `Where is invoice ${i + 1}?`, answer: `Under Billing, number ${i + 1}.` }));
  const report = await kb.import(rows, { communityId: 'auto', actor: { kind: 'heimo' } });
  if (report.created !== imported) throw new Error(`seed import: ${JSON.stringify(report)}`);
  return { hostile, captured, hidden, imported };
}

/** Starts the world: a Heimo with no platforms and the seeded articles; HEIMO_PUBLIC_URL is PUBLIC_URL unless `publicUrl` says (null: unset). */
export async function startKbWebWorld(options: { publicUrl?: string | null } = {}): Promise<KbWebWorld> {
  const publicUrl = options.publicUrl === undefined ? PUBLIC_URL : options.publicUrl;
  const db = await createTestDatabase();
  let queues: QueueFactory | undefined;
  let heimo: Heimo | undefined;
  try {
    queues = await createTestQueues(db);
    const env = { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...(publicUrl === null ? {} : { HEIMO_PUBLIC_URL: publicUrl }) };
    heimo = await createHeimo({ env, database: db, queues, network: knowledgeNetwork() });
    const kb = heimo.capabilities.knowledge;
    const seeded = await seed(kb, heimo);
    const [h, q] = [heimo, queues];
    return { db, heimo: h, kb, seeded, stop: async () => (await h.stop(), await q.close(), await db.dispose()) };
  } catch (error) {
    await heimo?.stop();
    await queues?.close();
    await db.dispose();
    throw error;
  }
}

/** One HTTP answer. */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** GET over a real socket (node:http, so a test can send any Host header). */
export function get(base: string, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, base), { method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The JSON-LD block of a page, parsed. */
export function jsonLdOf(page: string): Record<string, any> {
  const blocks = [...page.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
  if (blocks.length !== 1) throw new Error(`expected one JSON-LD block, found ${blocks.length}`);
  return JSON.parse(blocks[0]?.[1] ?? 'null') as Record<string, any>;
}
