const SECRET_KEY = /token|secret|password|authorization|signature|cookie|credential/i;
// Bearer tokens and Slack tokens can hide inside free text (error messages, URLs).
const SECRET_TEXT = /(xox[abposr]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+|ticket=[A-Za-z0-9-]+|Bearer\s+[A-Za-z0-9._~+/=-]+|Bot\s+[A-Za-z0-9._-]{20,})/g;
// Deeper than this a value is cut, not copied: a secret nested past the limit must not slip through.
const MAX_DEPTH = 6;

/** Replaces secret-looking text (Slack and bearer tokens, Socket Mode tickets) inside a string. */
export function scrubText(text: string): string {
  return text.replace(SECRET_TEXT, '[redacted]');
}

/**
 * Replaces secret-looking values so that no token ever reaches a log line: values under a
 * secret-sounding key, secret-looking text anywhere, and errors reduced to name, message, code
 * and cause (their other properties may hold request headers).
 */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return '[too deep]';
  if (value instanceof Error) {
    const { code, cause } = value as { code?: unknown; cause?: unknown };
    return {
      name: value.name,
      message: scrubText(value.message),
      ...(code === undefined ? {} : { code: redact(code, depth + 1) }),
      ...(cause === undefined ? {} : { cause: redact(cause, depth + 1) }),
    };
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) ? '[redacted]' : redact(inner, depth + 1);
  }
  return out;
}
