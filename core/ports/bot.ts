import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InboundHandler } from '../domain/events.ts';
import type { CommandPort } from './commands.ts';
import type { Platform } from '../domain/types.ts';
import type { BackfillPlan, BackfillReport } from '../backfill/index.ts';
import type { CustomerDelivery, EmployeeDelivery } from './delivery.ts';

/** A node/express-style request handler a bot mounts on Heimo's one HTTP server. */
export type HttpHandler = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/** One HTTP path a bot serves (Slack's `/slack/events`, Teams' `/api/messages`). */
export interface BotRoute {
  path: string;
  handler: HttpHandler;
}

/** Whether a bot is connected, and if not, why (shown by /healthz). */
export interface BotHealth {
  ok: boolean;
  detail: string;
}

/** The shape every platform bot has: inbound events go to the core, deliveries come back. */
export interface Bot<D extends CustomerDelivery | EmployeeDelivery = CustomerDelivery | EmployeeDelivery> {
  readonly platform: Platform;
  readonly delivery: D;
  readonly routes: BotRoute[];
  /**
   * Connects to the platform and starts handing translated events to `handler`, and commands,
   * buttons and message actions to `commands` (absent: the bot offers none).
   */
  start(handler: InboundHandler, commands?: CommandPort): Promise<void>;
  /** Disconnects; safe to call twice. */
  stop(): Promise<void>;
  health(): BotHealth;
  /**
   * Reads what was written while Heimo was not listening (platform history, per `plan`) and hands
   * it to `handler` in order, each event marked with when it was written; absent where the
   * platform offers bots no history (Teams). Runs on a started bot.
   */
  backfill?(plan: BackfillPlan, handler: InboundHandler): Promise<BackfillReport>;
}
