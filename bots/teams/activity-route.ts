import type { Application, TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity } from 'botbuilder';
import type { BotFrameworkAuthentication } from 'botframework-connector';
import express, { type Request, type Response } from 'express';
import { type HttpHandler, type Logger, recordRejectedInput } from '../../core/index.ts';
import { malformedActivityReason } from './activity-schema.ts';
import type { ServiceUrlAllowlist } from './service-url-allowlist.ts';

/** What the /api/messages handler needs. */
export interface ActivityRouteConfig {
  adapter: TeamsAdapter;
  /** The adapter's own authentication, run first so that every refusal is a 401. */
  authentication: BotFrameworkAuthentication;
  app: Application;
  allowlist: ServiceUrlAllowlist;
  logger: Logger;
  isStarted: () => boolean;
}

// Teams caps a message at about 28 KB of text; an activity over this is no message Teams sends.
const MAX_BODY = '1mb';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Creates the handler Heimo mounts at /api/messages. It parses JSON itself (a global parser would
 * break Slack's signature check), refuses a serviceUrl outside the allowlist with 403 (replies
 * would carry Heimo's token there) and validates the Bot Framework JWT before the adapter runs:
 * botbuilder answers some forgeries (a bad signature) with 500, Heimo answers every one with 401.
 * Must be mounted on express: the adapter needs express' response.
 */
export function createActivityRoute(config: ActivityRouteConfig): HttpHandler {
  const parseJson = express.json({ limit: MAX_BODY });
  const { logger } = config;

  const handle = async (req: Request, res: Response): Promise<void> => {
    if (!config.isStarted()) {
      res.status(503).json({ error: 'Teams bot is not started' });
      return;
    }
    const activity: unknown = req.body;
    if (!isRecord(activity) || typeof activity['type'] !== 'string') {
      res.status(400).json({ error: 'expected a Bot Framework activity' });
      return;
    }
    const serviceUrl = activity['serviceUrl'];
    if (typeof serviceUrl !== 'string' || !config.allowlist.allows(serviceUrl)) {
      logger.warn('refused a Teams activity: serviceUrl not allowed', { serviceUrl: typeof serviceUrl === 'string' ? serviceUrl.slice(0, 200) : null });
      res.status(403).json({ error: 'serviceUrl is not allowed' });
      return;
    }
    try {
      await config.authentication.authenticateRequest(activity as unknown as Activity, req.headers.authorization ?? '');
    } catch (error) {
      logger.warn('refused a Teams activity: authentication failed', { type: activity['type'], reason: error instanceof Error ? error.message : String(error) });
      res.status(401).json({ error: 'Unauthorized' });
      return;
    }
    // Authenticated, so the sender is Teams (or holds its key): a malformed activity is a bug or an
    // attack, and answering 400 keeps the adapter from answering 500 (which asks for a retry).
    const malformed = malformedActivityReason(activity);
    if (malformed !== undefined) {
      logger.warn('malformed Teams activity refused', { reason: malformed, type: activity['type'], ...(typeof activity['id'] === 'string' ? { activityId: activity['id'] } : {}) });
      recordRejectedInput({ platform: 'teams', reason: malformed, via: 'http' });
      res.status(400).json({ error: 'malformed activity', reason: malformed });
      return;
    }
    // The adapter validates the token again (remembered: see verified-tokens.ts) and builds the turn.
    await config.adapter.process(req, res, async (context) => {
      await config.app.run(context);
    });
  };

  return (req, res, next) => {
    const request = req as Request;
    const response = res as Response;
    parseJson(request, response, (error?: unknown) => {
      if (error !== undefined) {
        // body-parser says what went wrong: too large (413, before reading it all) or not JSON (400).
        const tooLarge = (error as { type?: unknown }).type === 'entity.too.large';
        if (tooLarge) recordRejectedInput({ platform: 'teams', reason: 'body too large', via: 'http' });
        logger.warn('Teams request refused', { reason: tooLarge ? `body over ${MAX_BODY}` : 'body is not JSON' });
        response.status(tooLarge ? 413 : 400).json({ error: tooLarge ? `activity larger than ${MAX_BODY}` : 'malformed JSON' });
        return;
      }
      handle(request, response).catch((failure: unknown) => {
        logger.error('Teams activity handling failed', { error: failure });
        if (response.headersSent) return;
        next(failure);
      });
    });
  };
}
