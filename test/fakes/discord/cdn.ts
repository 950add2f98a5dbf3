import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { FakeFailure } from './rest.ts';
import type { FakeWorld } from './state.ts';

/** One download from the fake CDN, with every header the client sent (to check no token leaks). */
export interface CdnRequest {
  method: string;
  /** /attachments/<channel>/<attachment>/<filename>, without the query. */
  path: string;
  headers: IncomingHttpHeaders;
  status: number;
}

/** How the fake CDN answers; tests change these between requests. */
export interface CdnKnobs {
  /** False sends the file chunked, without Content-Length, as a CDN streaming a file may. */
  sendLength: boolean;
}

/** What the CDN needs from the fake around it. */
export interface FakeCdnConfig {
  world: FakeWorld;
  /** The failure queued with failNext for this request, if any. */
  takeFailure: (method: string, path: string) => FakeFailure | undefined;
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Creates the stand-in for cdn.discordapp.com: serves attachment bytes at the URLs messages carry. */
export function createFakeCdn(config: FakeCdnConfig) {
  const requests: CdnRequest[] = [];
  const knobs: CdnKnobs = { sendLength: true };

  return {
    requests,
    knobs,
    /** True for the paths this CDN serves. */
    serves: (url: string): boolean => url.startsWith('/attachments/'),
    /** Answers GET /attachments/<channel>/<attachment>/<filename>; like Discord's CDN it asks for no credentials. */
    handle(req: IncomingMessage, res: ServerResponse): void {
      const method = req.method ?? 'GET';
      const path = new URL(req.url ?? '/', 'http://fake').pathname;
      const answer = (status: number, headers: Record<string, string>, body?: Buffer | string): void => {
        requests.push({ method, path, headers: { ...req.headers }, status });
        res.writeHead(status, headers);
        res.end(body);
      };
      const failure = config.takeFailure(method, path);
      if (failure !== undefined) {
        const headers: Record<string, string> = failure.status === 429 ? { 'Retry-After': String(failure.retryAfterSeconds) } : {};
        return answer(failure.status, { 'Content-Type': 'text/plain', ...headers }, `${failure.status}`);
      }
      const [, , channelId, attachmentId, filename = ''] = path.split('/');
      const file = config.world.files.get(attachmentId ?? '');
      if (method !== 'GET' || file === undefined || file.channelId !== channelId || safeDecode(filename) !== file.filename) {
        return answer(404, { 'Content-Type': 'text/plain' }, 'This content is no longer available.');
      }
      if (knobs.sendLength) return answer(200, { 'Content-Type': file.contentType, 'Content-Length': String(file.data.byteLength) }, file.data);
      requests.push({ method, path, headers: { ...req.headers }, status: 200 });
      res.writeHead(200, { 'Content-Type': file.contentType });
      // Several writes without a length make Node send the body chunked.
      const half = Math.ceil(file.data.byteLength / 2);
      res.write(file.data.subarray(0, half));
      res.end(file.data.subarray(half));
    },
  };
}

/** The CDN half of the fake. */
export type FakeCdn = ReturnType<typeof createFakeCdn>;
