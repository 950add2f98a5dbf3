import type { AccountRef } from '../domain/domain-events.ts';
import type { Jobs } from '../jobs/index.ts';
import type { Logger } from '../ports/logger.ts';
import type { IdentityService } from './port.ts';
import { createIdentityQueries, type IdentityDatabase } from './sql-identity-store.ts';

// Employees' e-mails join their Slack and Teams accounts into one person (and mark staff by the
// company's domains). The platform directory is asked outside any transaction: after the commit of
// the first credit of an employee account whose e-mail Heimo does not know yet.

/** What the e-mail listener needs. */
export interface EmailListenerConfig {
  database: IdentityDatabase;
  jobs: Pick<Jobs, 'on' | 'afterCommit'>;
  identity: Pick<IdentityService, 'refresh'>;
  logger: Logger;
}

/** Registers the `credit.recorded` listener that looks up credited employees' e-mails. Before `jobs.start()`. */
export function listenForEmails(config: EmailListenerConfig): void {
  const queries = createIdentityQueries(config.database);
  const refresh = async (account: AccountRef): Promise<void> => {
    try {
      await config.identity.refresh(account);
    } catch (error) {
      // The next credit asks again.
      config.logger.warn('identity: could not refresh an account from its platform', { platform: account.platform, error });
    }
  };
  config.jobs.on('credit.recorded', 'identity.email', async (event, tx) => {
    const { account } = event;
    if (account.platform !== 'slack' && account.platform !== 'teams') return;
    const [stored] = await queries.accounts([account], tx);
    if (stored?.email !== null && stored?.email !== undefined) return;
    config.jobs.afterCommit(tx, () => refresh(account));
  });
}
