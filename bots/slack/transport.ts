import type { App, AppOptions } from '@slack/bolt';
import type { BotHealth, BotRoute } from '../../core/index.ts';

/** How Slack's events reach Bolt: posted to Heimo's HTTP server, or pulled over a Socket Mode connection. */
export interface SlackTransport {
  /** Paths Heimo's HTTP server mounts; none in Socket Mode. */
  readonly routes: BotRoute[];
  /** Named in the healthy detail (`connected as U1 over Socket Mode`); unset for HTTP. */
  readonly via?: string;
  /** Makes the Bolt app on a fresh receiver; the bot registers its listeners on it before `open`. */
  createApp(options: AppOptions): App;
  /** Starts taking events; rejects with a Heimo error when Slack refuses or cannot be reached. */
  open(): Promise<void>;
  /** Stops taking events; safe to call twice. */
  close(): Promise<void>;
  /** What is wrong with the connection itself (a dropped socket), if anything. */
  problem(): BotHealth | undefined;
}
