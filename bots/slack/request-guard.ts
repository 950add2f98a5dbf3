import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { parse as parseQuery } from 'node:querystring';

/** Slack signs each request with its time; one further than this from ours, either way, is refused. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;
/** Larger than any Events API body Slack sends (message text stops at 40,000 characters). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** A request Heimo passes on to Bolt, or refuses with a status and a reason (never the content). */
export type Screened = { ok: true; rawBody: Buffer } | { ok: false; status: 400 | 401 | 413; reason: string };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Why a parsed Slack body (HTTP body or Socket Mode payload) is no event Bolt can read; undefined
 * when it is one. Bolt and the Socket Mode client dereference `body.event.type` unchecked.
 */
export function malformedBodyReason(body: unknown): string | undefined {
  if (!isRecord(body)) return `body is ${body === null ? 'null' : Array.isArray(body) ? 'an array' : typeof body}, not an object`;
  if (body['type'] === 'event_callback' || 'event' in body) {
    const event = body['event'];
    if (!isRecord(event)) return 'event is not an object';
    if (typeof event['type'] !== 'string') return 'event type is not a string';
  }
  return undefined;
}

// Bolt stops reading at its own limit, but only after buffering it all: stop at ours, early.
async function readAtMost(req: IncomingMessage, maxBytes: number): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > maxBytes) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
};

function signatureProblem(req: IncomingMessage, rawBody: Buffer, signingSecret: string, nowMs: number): string | undefined {
  const signature = header(req, 'x-slack-signature');
  const timestamp = header(req, 'x-slack-request-timestamp');
  if (signature === undefined || timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) return 'signature headers missing or malformed';
  // Bolt refuses only old requests; one signed for the future could be replayed until then.
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) return 'request timestamp more than 5 minutes away';
  const expected = Buffer.from(`v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:`).update(rawBody).digest('hex')}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? undefined : 'signature does not match';
}

function parseBody(rawBody: Buffer, contentType: string | undefined): unknown {
  const text = rawBody.toString('utf8');
  if (contentType === 'application/x-www-form-urlencoded') {
    const fields = parseQuery(text);
    return typeof fields['payload'] === 'string' ? JSON.parse(fields['payload']) : fields;
  }
  return JSON.parse(text);
}

/**
 * Reads (bounded), verifies and parses a POST to the Events API before Bolt does: Bolt's HTTP
 * receiver throws outside any handler on a signed body that is not an event object (`null`),
 * which ends the process. Slack's SSL check carries no signature and is passed on as it is.
 */
export async function screenSlackRequest(req: IncomingMessage, signingSecret: string, nowMs = Date.now()): Promise<Screened> {
  const rawBody = await readAtMost(req, MAX_BODY_BYTES);
  if (rawBody === undefined) return { ok: false, status: 413, reason: `body larger than ${MAX_BODY_BYTES} bytes` };
  const contentType = header(req, 'content-type')?.split(';')[0]?.trim();
  if (contentType === 'application/x-www-form-urlencoded' && parseQuery(rawBody.toString('utf8'))['ssl_check'] === '1') return { ok: true, rawBody };
  const problem = signatureProblem(req, rawBody, signingSecret, nowMs);
  if (problem !== undefined) return { ok: false, status: 401, reason: problem };
  let body: unknown;
  try {
    body = parseBody(rawBody, contentType);
  } catch {
    return { ok: false, status: 400, reason: 'body is not JSON' };
  }
  const malformed = malformedBodyReason(body);
  return malformed === undefined ? { ok: true, rawBody } : { ok: false, status: 400, reason: malformed };
}
