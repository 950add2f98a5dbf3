import { type Attachment, HeimoError, PlatformRejectedError, RateLimitedError, readAtMost, retryAfterMs } from '../../core/index.ts';

/** Where a platform's files may be fetched from, and how long a download may take. */
export interface PublicFileSource {
  /** Names the platform in errors, e.g. 'discord'. */
  platform: string;
  /** Hosts (host[:port]) that serve the platform's files; any other URL is refused. */
  hosts: ReadonlySet<string>;
  /** Aborts a stalled download; 60 s unless set. */
  timeoutMs?: number;
}

/**
 * Downloads a file served without credentials (Discord's CDN), counting bytes as they arrive.
 * Never sends a token: nothing but the URL leaves Heimo. Throws TOO_LARGE over `maxBytes`,
 * PLATFORM_REJECTED for a file that is gone or not on the platform's hosts, and a retryable
 * PLATFORM_UNAVAILABLE (or RATE_LIMITED) when the host is down.
 */
export async function fetchPublicFile(source: PublicFileSource, attachment: Attachment, maxBytes: number): Promise<Uint8Array> {
  const { platform } = source;
  const url = parseUrl(source, attachment.url);
  // Signed CDN URLs carry their signature in the query: context names the file, not the whole URL.
  const context = { name: attachment.name, host: url.host, path: url.pathname, maxBytes };
  const tooLarge = (size: number | string): HeimoError =>
    new HeimoError('TOO_LARGE', `${platform} file ${attachment.name} is larger than ${maxBytes} bytes`, { context: { ...context, size } });
  if (attachment.size !== undefined && attachment.size > maxBytes) throw tooLarge(attachment.size);

  let response: Response;
  try {
    // redirect: 'manual' so a redirect cannot lead the download to a host that was not checked.
    response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(source.timeoutMs ?? 60_000) });
  } catch (error) {
    throw new HeimoError('PLATFORM_UNAVAILABLE', `${platform} file download failed: ${messageOf(error)}`, { context, cause: error });
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw statusError(platform, response, context);
  }
  try {
    return await readAtMost(response, maxBytes, (declared) => tooLarge(declared ?? `more than ${maxBytes}`));
  } catch (error) {
    if (error instanceof HeimoError) throw error;
    throw new HeimoError('PLATFORM_UNAVAILABLE', `${platform} file download broke off: ${messageOf(error)}`, { context, cause: error });
  }
}

function parseUrl(source: PublicFileSource, raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new PlatformRejectedError(source.platform, 'the file URL is not a URL', { context: { url: raw.slice(0, 200) } });
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !source.hosts.has(url.host)) {
    throw new PlatformRejectedError(source.platform, `the file is not on a ${source.platform} host: ${url.host}`, { context: { host: url.host } });
  }
  return url;
}

function statusError(platform: string, response: Response, context: Record<string, unknown>): HeimoError {
  const status = response.status;
  if (status === 429) return new RateLimitedError(platform, retryAfterMs(response.headers.get('retry-after')), { context: { ...context, status } });
  // 5xx may pass by itself; 4xx (deleted, expired signature) and redirects will not.
  if (status >= 500) return new HeimoError('PLATFORM_UNAVAILABLE', `${platform} answered ${status} to a file download`, { context: { ...context, status } });
  return new PlatformRejectedError(platform, `file download answered ${status}`, { context: { ...context, status } });
}

function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // undici reports network failures as "fetch failed" with the reason in cause.
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
