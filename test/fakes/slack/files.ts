import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeSlackFile, FakeSlackStore } from './store.ts';
import type { FakeSlackDownload, FakeSlackFailure, FakeSlackFileInput } from './types.ts';

const DOWNLOAD_PATH = /^\/files-pri\/([A-Z0-9]+)-([A-Z0-9]+)\/(?:download\/)?([^/]+)$/;

// What files.slack.com shows a token without files:read: its sign-in page, with a 200.
const SIGN_IN_PAGE = '<!DOCTYPE html><html><head><title>Slack</title></head><body><h1>Sign in to your workspace</h1></body></html>';

// Slack's CDN sends large files in pieces; small pieces make a reader see several chunks.
const CHUNK_BYTES = 16 * 1024;

/** What the download route needs from the rest of the fake. */
export interface FileServerContext {
  store: FakeSlackStore;
  teamId: string;
  token: string;
  filesRead: () => boolean;
  takeFailure: () => FakeSlackFailure | undefined;
  downloads: FakeSlackDownload[];
}

/** Stores a shared file under the fake's origin, at the paths Slack's url_private(_download) use. */
export function storeFile(input: FakeSlackFileInput, user: string, origin: string, store: FakeSlackStore, teamId: string): FakeSlackFile {
  const id = store.nextFileId();
  const path = `/files-pri/${teamId}-${id}`;
  const name = encodeURIComponent(input.name);
  const file: FakeSlackFile = {
    id,
    name: input.name,
    title: input.title ?? input.name,
    mimetype: input.mimetype,
    data: typeof input.data === 'string' ? Buffer.from(input.data, 'utf8') : input.data,
    mode: input.mode ?? 'hosted',
    user,
    created: Math.floor(Date.now() / 1000),
    urlPrivate: `${origin}${path}/${name}`,
    urlPrivateDownload: `${origin}${path}/download/${name}`,
    chunked: input.chunked === true,
  };
  store.files.set(id, file);
  return file;
}

function send(response: ServerResponse, file: FakeSlackFile): void {
  if (!file.chunked) {
    response.writeHead(200, { 'content-type': file.mimetype, 'content-length': String(file.data.length) });
    response.end(file.data);
    return;
  }
  response.writeHead(200, { 'content-type': file.mimetype });
  for (let offset = 0; offset < file.data.length; offset += CHUNK_BYTES) response.write(file.data.subarray(offset, offset + CHUNK_BYTES));
  response.end();
}

/** Answers a GET for a file like files.slack.com; false when the path is not a file's. Every request is recorded. */
export function answerDownload(request: IncomingMessage, response: ServerResponse, context: FileServerContext): boolean {
  const path = new URL(request.url ?? '/', 'http://fake').pathname;
  const match = DOWNLOAD_PATH.exec(path);
  if (request.method !== 'GET' || match === null) return false;
  const [, team, fileId] = match;
  const record = (status: number): void => void context.downloads.push({ path, headers: request.headers, status, ...(fileId === undefined ? {} : { fileId }) });
  const reply = (status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void => {
    record(status);
    response.writeHead(status, { 'content-type': type, ...headers });
    response.end(body);
  };

  const failure = context.takeFailure();
  // A download is never slowed: `slowMs` serves it as usual.
  if (failure !== undefined && !('slowMs' in failure)) {
    // A hang never answers; closing the fake drops the connection.
    if ('hang' in failure) record(0);
    else if ('redirect' in failure) reply(302, 'text/plain', '', { location: failure.redirect });
    else if ('error' in failure) reply(404, 'text/plain', failure.error);
    else if (failure.status === 429) reply(429, 'text/plain', 'rate limited', { 'retry-after': String(failure.retryAfterSeconds) });
    else reply(500, 'text/plain', 'internal error');
    return true;
  }
  const bearer = /^Bearer\s+(.+)$/.exec(request.headers.authorization ?? '')?.[1];
  const file = fileId === undefined ? undefined : context.store.files.get(fileId);
  if (bearer !== context.token) reply(401, 'text/plain', 'not authed');
  else if (file === undefined || team !== context.teamId || file.mode !== 'hosted') reply(404, 'text/plain', 'file not found');
  else if (!context.filesRead()) reply(200, 'text/html; charset=utf-8', SIGN_IN_PAGE);
  else {
    record(200);
    send(response, file);
  }
  return true;
}
