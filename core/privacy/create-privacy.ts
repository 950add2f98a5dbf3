import { randomUUID } from 'node:crypto';
import type { Platform } from '../domain/types.ts';
import { HeimoError } from '../errors.ts';
import type { Jobs, Tx } from '../jobs/index.ts';
import type { Logger } from '../ports/logger.ts';
import { DEFAULT_CHOICES, personKey, type Eraser, type ForgetReport, type ForgetTarget, type PersonKey, type PersonTraces, type Privacy } from './port.ts';
import { mergeTraces, scrubText } from './scrub.ts';
import { createSqlPrivacyStore, type PrivacyDatabase } from './sql-privacy-store.ts';

/** What privacy is built from: its table, the job system's transactions, and every capability's eraser. */
export interface PrivacyConfig {
  database: PrivacyDatabase;
  jobs: Pick<Jobs, 'transaction'>;
  /** Every other capability's eraser (the composition root lists them); privacy adds its own. */
  erasers: readonly Eraser[];
  /** Runs in the transaction that changed a person's choices (the knowledge base re-indexes their articles). */
  onChoicesChanged?: (tx: Tx, person: PersonKey) => Promise<void>;
  logger: Logger;
  /** The stand-in id of a forgotten person (tests fix it). */
  tombstone?: () => string;
}

const PLATFORMS: readonly Platform[] = ['discord', 'slack', 'teams'];

/** A person as given (a CLI argument, a command's actor), or BAD_INPUT. */
export function checkedPerson(person: { platform: string; userId: string }): PersonKey {
  if (!(PLATFORMS as readonly string[]).includes(person.platform)) {
    throw new HeimoError('BAD_INPUT', `platform must be one of ${PLATFORMS.join(', ')}, got "${person.platform}"`, { context: { platform: person.platform } });
  }
  const userId = person.userId.trim();
  if (userId === '') throw new HeimoError('BAD_INPUT', 'a user id is needed');
  return { platform: person.platform as Platform, userId };
}

/**
 * Creates privacy: choices in its own table, consents for other capabilities, and forget, which
 * runs every eraser in one transaction. Nothing it logs or throws carries the person's id or name:
 * the forget is known afterwards only by its reference (the tombstone).
 */
export function createPrivacy(config: PrivacyConfig): Privacy {
  const store = createSqlPrivacyStore(config.database);
  const erasers = [...config.erasers, store.eraser];
  const tombstone = config.tombstone ?? (() => `forgotten-${randomUUID()}`);
  const logger = config.logger;

  // Runs one eraser's step; a failure is rethrown without the person in it (a driver's message may quote values).
  const guarded = async <T>(eraser: Eraser, target: ForgetTarget, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      const message = scrubText(error instanceof Error ? error.message : String(error), target);
      const code = (error as { code?: unknown } | null)?.code;
      throw new Error(`forgetting failed in the ${eraser.name} eraser${typeof code === 'string' ? ` (${code})` : ''}: ${message}; nothing was erased`);
    }
  };

  return {
    consents: { choicesOf: (people) => store.choicesOf(people) },
    async choices(person) {
      const key = checkedPerson(person);
      return (await store.choicesOf([key])).get(personKey(key)) ?? { ...DEFAULT_CHOICES };
    },
    async setChoices(person, changes) {
      const key = checkedPerson(person);
      return config.jobs.transaction(async (tx) => {
        const saved = await store.save(tx, key, changes);
        await config.onChoicesChanged?.(tx, key);
        return saved;
      });
    },
    async forget(person): Promise<ForgetReport> {
      const key = checkedPerson(person);
      const reference = tombstone();
      const erased = await config.jobs.transaction(async (tx) => {
        const target: ForgetTarget = { ...key, tombstone: reference, traces: { names: [], texts: [] } };
        // Every trace is read before anything is erased: an eraser may remove what another needs to find.
        const found: Partial<PersonTraces>[] = [];
        for (const eraser of erasers) {
          const { traces } = eraser;
          if (traces !== undefined) found.push(await guarded(eraser, target, () => traces.call(eraser, tx, key)));
        }
        target.traces = mergeTraces(found);
        const counts: ForgetReport['erased'] = [];
        for (const eraser of erasers) counts.push({ name: eraser.name, rows: await guarded(eraser, target, () => eraser.erase(tx, target)) });
        return counts;
      });
      logger.info('forgot a person', { reference, erased: Object.fromEntries(erased.map((entry) => [entry.name, entry.rows])) });
      return { reference, erased };
    },
  };
}
