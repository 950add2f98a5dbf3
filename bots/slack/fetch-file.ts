import { type Attachment, HeimoError, type Logger, PlatformRejectedError, RateLimitedError, readAtMost, retryAfterMs } from '../../core/index.ts';

/** Slack's host for `url_private` / `url_private_download`. */
export const SLACK_FILES_ORIGIN = 'https://files.slack.com';

/** What fetching a Slack file needs: the bot token (files:read) and where Slack's API lives. */
export interface SlackFileFetchConfig {
  botToken: string;
  /** SLACK_API_URL: its origin is trusted with the token too (a local stand-in in tests). */
  apiUrl: string;
  logger: Logger;
  /** Gives up on a download after this long, body included (60 s). */
  timeoutMs?: number;
}

/** Downloads one attachment of a Slack message, refusing anything over `maxBytes`. */
export type SlackFileFetcher = (attachment: Attachment, maxBytes: number) => Promise<Uint8Array>;

// Slack's CDN hops (if any) stay on its own hosts; more than a few hops is a loop.
const MAX_REDIRECTS = 3;

const unavailable = (message: string, context: Record<string, unknown>, cause?: unknown): HeimoError =>
  new HeimoError('PLATFORM_UNAVAILABLE', `slack file download failed: ${message}`, { context, ...(cause === undefined ? {} : { cause }) });

const tooLarge = (attachment: Attachment, maxBytes: number, size: number | undefined): HeimoError =>
  new HeimoError('TOO_LARGE', `slack file ${attachment.name} is larger than ${maxBytes} bytes`, {
    context: { name: attachment.name, maxBytes, ...(size === undefined ? {} : { size }) },
  });

const isHtml = (type: string | undefined): boolean => /^\s*(text\/html|application\/xhtml\+xml)\b/i.test(type ?? '');

const hostOf = (location: string, base: URL): string => {
  try {
    return new URL(location, base).host;
  } catch {
    return 'unparseable';
  }
};

/**
 * Creates the fetcher behind the Slack delivery's `fetchFile`. The bot token goes only to
 * files.slack.com and SLACK_API_URL's origin: any other URL, first or redirected to, is refused
 * before a request is made, since a `url` in an event is data, not a place to send secrets.
 */
export function createSlackFileFetcher(config: SlackFileFetchConfig): SlackFileFetcher {
  const { botToken, logger } = config;
  const timeoutMs = config.timeoutMs ?? 60_000;
  const trusted = new Set([SLACK_FILES_ORIGIN, new URL(config.apiUrl).origin]);

  const trustedUrl = (raw: string, base?: URL): URL | undefined => {
    let url: URL;
    try {
      url = new URL(raw, base);
    } catch {
      return undefined;
    }
    // URL.origin drops user:password@, so `https://files.slack.com@evil.example` is evil.example's.
    return trusted.has(url.origin) ? url : undefined;
  };

  const refuseStatus = (response: Response, context: Record<string, unknown>): HeimoError => {
    const { status } = response;
    if (status === 429) return new RateLimitedError('slack', retryAfterMs(response.headers.get('retry-after')), { context });
    if (status >= 500 || status === 408) return unavailable(`HTTP ${status}`, context);
    const hint = status === 401 || status === 403 ? ' (does the bot token have the files:read scope?)' : ' (deleted, or not shared with the bot)';
    return new PlatformRejectedError('slack', `file download: HTTP ${status}${hint}`, { context });
  };

  return async (attachment, maxBytes) => {
    if (attachment.size !== undefined && attachment.size > maxBytes) throw tooLarge(attachment, maxBytes, attachment.size);
    let url = trustedUrl(attachment.url);
    if (url === undefined) {
      throw new PlatformRejectedError('slack', `file ${attachment.name} is not on a Slack file host; not fetched with the bot token`, { context: { name: attachment.name } });
    }
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    try {
      for (let hop = 0; ; hop += 1) {
        const context = { name: attachment.name, host: url.host, ...(hop === 0 ? {} : { redirects: hop }) };
        let response: Response;
        try {
          response = await fetch(url, { headers: { authorization: `Bearer ${botToken}` }, redirect: 'manual', signal: abort.signal });
        } catch (error) {
          throw unavailable(error instanceof Error ? error.message : String(error), context, error);
        }
        if (response.status >= 300 && response.status < 400 && response.headers.has('location')) {
          void response.body?.cancel().catch(() => undefined);
          const location = response.headers.get('location') ?? '';
          const next = trustedUrl(location, url);
          if (next === undefined) {
            // Slack sends a token it does not accept (no files:read) to its sign-in page.
            throw new PlatformRejectedError('slack', `file download redirected off Slack's file hosts; not followed with the bot token (does the bot token have the files:read scope?)`, {
              context: { ...context, redirectHost: hostOf(location, url) },
            });
          }
          if (hop >= MAX_REDIRECTS) throw new PlatformRejectedError('slack', `file download redirected more than ${MAX_REDIRECTS} times`, { context });
          url = next;
          continue;
        }
        if (!response.ok) {
          void response.body?.cancel().catch(() => undefined);
          throw refuseStatus(response, { ...context, status: response.status });
        }
        const type = response.headers.get('content-type') ?? undefined;
        // Without files:read Slack answers 200 with its sign-in page instead of the file.
        if (isHtml(type) && !isHtml(attachment.mimeType)) {
          void response.body?.cancel().catch(() => undefined);
          throw new PlatformRejectedError('slack', `file download returned an HTML page instead of ${attachment.name}: the bot token lacks the files:read scope`, {
            context: { ...context, contentType: type, scope: 'files:read' },
          });
        }
        let data: Uint8Array;
        try {
          data = await readAtMost(response, maxBytes, (declared) => tooLarge(attachment, maxBytes, declared ?? attachment.size));
        } catch (error) {
          if (error instanceof HeimoError) throw error;
          throw unavailable(`reading the body: ${error instanceof Error ? error.message : String(error)}`, context, error);
        }
        logger.debug('slack file fetched', { ...context, bytes: data.byteLength });
        return data;
      }
    } finally {
      clearTimeout(timer);
    }
  };
}
