import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import express, { type Router } from 'express';
import type { Readiness } from '../../core/health/index.ts';
import type { MetricsRegistry } from '../../core/infra/metrics/prom-metrics.ts';
import type { Logger } from '../../core/ports/logger.ts';

/** What the operations endpoints (/livez, /readyz, /healthz, /metrics) serve, and to whom. */
export interface OpsRoutesConfig {
  readiness: Readiness;
  /** Served at /metrics; null when /metrics lives on the other listener. */
  metrics: MetricsRegistry | null;
  /** Every caller is an operator (the METRICS_PORT listener): details for all. */
  trusted: boolean;
  /** HEIMO_ADMIN_TOKEN: a caller presenting it as a bearer token is an operator. */
  adminToken: string | null;
  logger: Logger;
}

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/** True when the request carries `Authorization: Bearer <token>`; compared in constant time. */
export function presentsToken(req: IncomingMessage, token: string | null): boolean {
  if (token === null) return false;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  // Digests have one length whatever was sent, so neither the comparison nor its length leaks the token.
  return match?.[1] !== undefined && timingSafeEqual(digest(match[1]), digest(token));
}

/**
 * Creates the operations router. /livez answers while the event loop runs; /readyz (and its old
 * name /healthz) answers 200 when every check passes, else 503 naming what is not ready, with
 * details (ids, platform error texts) only for operators. /metrics is the Prometheus exposition,
 * behind the admin token on the main port when one is set.
 */
export function createOpsRouter(config: OpsRoutesConfig): Router {
  const router = express.Router();
  const operator = (req: IncomingMessage): boolean => config.trusted || presentsToken(req, config.adminToken);

  router.get('/livez', (_req, res) => {
    res.set('cache-control', 'no-store').json({ ok: true });
  });
  const ready: express.RequestHandler = (req, res) => {
    config.readiness
      .report(operator(req) ? 'detailed' : 'public')
      .then((report) => res.set('cache-control', 'no-store').status(report.ok ? 200 : 503).json(report))
      .catch((error: unknown) => {
        config.logger.error('readiness check failed', { error });
        res.status(503).json({ ok: false, error: 'readiness check failed' });
      });
  };
  router.get('/readyz', ready);
  router.get('/healthz', ready);

  const { metrics } = config;
  if (metrics !== null) {
    router.get('/metrics', (req, res) => {
      if (!config.trusted && config.adminToken !== null && !operator(req)) {
        res.status(401).set('www-authenticate', 'Bearer').json({ error: 'metrics need the admin token (Authorization: Bearer)' });
        return;
      }
      metrics
        .render()
        .then(({ contentType, body }) => res.set('content-type', contentType).send(body))
        .catch((error: unknown) => {
          config.logger.error('metrics could not be collected', { error });
          res.status(500).json({ error: 'metrics could not be collected' });
        });
    });
  }
  return router;
}

/** The METRICS_PORT listener: /metrics and the detailed health endpoints, nothing else. */
export function createOpsServer(config: Omit<OpsRoutesConfig, 'trusted' | 'adminToken'>): Server {
  const app = express();
  app.disable('x-powered-by');
  app.use(createOpsRouter({ ...config, trusted: true, adminToken: null }));
  return createServer(app);
}
