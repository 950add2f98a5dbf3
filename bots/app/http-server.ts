import { createServer, type Server } from 'node:http';
import express from 'express';
import type { BotRoute } from '../../core/ports/bot.ts';
import type { Logger } from '../../core/ports/logger.ts';

export type { HealthReport } from '../../core/health/index.ts';

/** Settings of Heimo's one HTTP server. */
export interface HttpServerConfig {
  routes: BotRoute[];
  /** /livez, /readyz, /healthz and (without METRICS_PORT) /metrics: see ops-routes.ts. */
  ops: express.Router;
  /** Public read-only pages and API (the knowledge base's `/kb` and `/api/kb`); absent: none. */
  pages?: express.Router;
  logger: Logger;
}

/** Builds the main HTTP server: bot routes (each with its own body parsing), the operations endpoints and the public pages. */
export function createHttpServer(config: HttpServerConfig): Server {
  const app = express();
  app.disable('x-powered-by');
  // No global body parser: Slack verifies its signature over the raw body.
  for (const route of config.routes) app.use(route.path, route.handler);
  app.use(config.ops);
  if (config.pages !== undefined) app.use(config.pages);
  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    config.logger.error('request failed', { error });
    if (!res.headersSent) res.status(500).json({ error: 'internal error' });
  });
  return createServer(app);
}

/** Listens on `port` (0 picks a free one) and resolves with the bound port. */
export async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  return typeof address === 'object' && address !== null ? address.port : port;
}
