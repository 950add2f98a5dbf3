import { createHmac, randomUUID } from 'node:crypto';

/** How a signed request to the bot is sent: a past timestamp, a broken signature, a retry header. */
export interface SignedSendOptions {
  /** Unix seconds put in `x-slack-request-timestamp`; now by default (over 5 minutes old is stale). */
  timestamp?: number;
  /** Signs with a wrong secret, as a forger would. */
  badSignature?: boolean;
  /** Sets `x-slack-retry-num` (and a retry reason), as Slack does when it redelivers. */
  retryNum?: number;
  retryReason?: string;
  /** Gives up (the promise rejects) when the bot has not answered within this many ms. */
  timeoutMs?: number;
}

/** Extra knobs for Events API deliveries. */
export interface SlackEventOptions extends SignedSendOptions {
  eventId?: string;
  teamId?: string;
  appId?: string;
}

/** What the bot answered. */
export interface SignedSendResult {
  status: number;
  body: string;
}

/** Computes Slack's request signature: `v0=` + HMAC-SHA256(secret, "v0:ts:body") in hex. */
export function slackSignature(signingSecret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** POSTs a raw body signed like Slack signs it; the lowest-level sender, also for malformed bodies. */
export async function sendSignedRequest(
  url: string,
  body: string,
  contentType: string,
  signingSecret: string,
  options: SignedSendOptions = {},
): Promise<SignedSendResult> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const secret = options.badSignature === true ? `${signingSecret}-forged` : signingSecret;
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(secret, timestamp, body),
  };
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = options.retryReason ?? 'http_timeout';
  }
  const response = await fetch(url, { method: 'POST', headers, body, ...(options.timeoutMs === undefined ? {} : { signal: AbortSignal.timeout(options.timeoutMs) }) });
  return { status: response.status, body: await response.text() };
}

/**
 * Wraps a bare event (`{ type: 'message', ... }`) in the `event_callback` body Slack sends, with a
 * fresh `event_id`; a payload that is already an envelope (`type: 'event_callback'` or
 * `url_verification`) is kept as it is. HTTP posts this body; Socket Mode puts it in `payload`.
 */
export function eventCallback(payload: Record<string, unknown>, options: Omit<SlackEventOptions, keyof SignedSendOptions> = {}): { body: Record<string, unknown>; eventId: string } {
  const isEnvelope = payload['type'] === 'event_callback' || payload['type'] === 'url_verification';
  const eventId = options.eventId ?? (isEnvelope ? String(payload['event_id'] ?? '') : `Ev${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`);
  const teamId = options.teamId ?? 'T0FAKE';
  const body = isEnvelope
    ? payload
    : {
        token: 'legacy-verification-token-unused',
        team_id: teamId,
        api_app_id: options.appId ?? 'A0HEIMO',
        event: payload,
        type: 'event_callback',
        event_id: eventId,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [{ team_id: teamId, user_id: 'U0HEIMO', is_bot: true, is_enterprise_install: false }],
      };
  return { body, eventId };
}

/** Sends an Events API delivery over HTTP, signed, wrapped by eventCallback. */
export async function sendSlackEvent(
  url: string,
  payload: Record<string, unknown>,
  signingSecret: string,
  options: SlackEventOptions = {},
): Promise<SignedSendResult & { eventId: string }> {
  const { body, eventId } = eventCallback(payload, options);
  const result = await sendSignedRequest(url, JSON.stringify(body), 'application/json', signingSecret, options);
  return { ...result, eventId };
}

/** Sends a slash command the way Slack does: form-encoded fields. */
export async function sendSlashCommand(
  url: string,
  fields: Record<string, string>,
  signingSecret: string,
  options: SignedSendOptions = {},
): Promise<SignedSendResult> {
  const body = new URLSearchParams(fields).toString();
  return sendSignedRequest(url, body, 'application/x-www-form-urlencoded', signingSecret, options);
}

/** Sends an interaction (`block_actions`, `view_submission`...) the way Slack does: `payload=<json>`. */
export async function sendInteraction(
  url: string,
  payload: Record<string, unknown>,
  signingSecret: string,
  options: SignedSendOptions = {},
): Promise<SignedSendResult> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return sendSignedRequest(url, body, 'application/x-www-form-urlencoded', signingSecret, options);
}
