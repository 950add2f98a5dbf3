import { z } from 'zod/v4';
import { HeimoError } from '../../core/index.ts';

/** Decides which Bot Framework connectors Heimo may call (and so hand its bearer token to). */
export interface ServiceUrlAllowlist {
  allows(serviceUrl: string): boolean;
  /** Throws HeimoError('UNAUTHORIZED') for a URL outside the list. */
  assert(serviceUrl: string, method: string): void;
}

interface Entry {
  origin: string;
  path: string;
}

const parse = (value: string): URL | undefined => {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
};

// Compare parsed origins and whole path segments: a plain string prefix would let
// `https://smba.trafficmanager.net.evil.example/` or `https://smba.trafficmanager.net@evil.example/` through.
const withSlash = (path: string): string => (path.endsWith('/') ? path : `${path}/`);

/** Builds the allowlist from URL prefixes such as `https://smba.trafficmanager.net/`. */
export function createServiceUrlAllowlist(prefixes: string[]): ServiceUrlAllowlist {
  const entries: Entry[] = prefixes.flatMap((prefix) => {
    const parsed = parse(prefix);
    return parsed ? [{ origin: parsed.origin.toLowerCase(), path: withSlash(parsed.pathname) }] : [];
  });
  const allows = (serviceUrl: string): boolean => {
    const parsed = parse(serviceUrl);
    if (!parsed || parsed.username || parsed.password || !['https:', 'http:'].includes(parsed.protocol)) return false;
    const origin = parsed.origin.toLowerCase();
    const path = withSlash(parsed.pathname);
    return entries.some((entry) => entry.origin === origin && path.startsWith(entry.path));
  };
  return {
    allows,
    assert: (serviceUrl, method) => {
      if (!allows(serviceUrl)) {
        throw new HeimoError('UNAUTHORIZED', `teams ${method}: serviceUrl is not in TEAMS_ALLOWED_SERVICE_URLS`, { context: { method, serviceUrl } });
      }
    },
  };
}

/**
 * TEAMS_ALLOWED_SERVICE_URLS' schema: comma-separated https prefixes. Plain HTTP would hand Heimo's
 * bearer token to anyone on the path, so only loopback stand-ins may use it.
 */
export const allowlistValue = () =>
  z.string().transform((raw, ctx) => {
    const entries = raw.split(',').map((entry) => entry.trim()).filter(Boolean);
    for (const entry of entries) {
      let parsed: URL;
      try {
        parsed = new URL(entry);
      } catch {
        ctx.addIssue({ code: 'custom', message: `has an entry that is not a URL: "${entry}"` });
        return z.NEVER;
      }
      const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
      if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
        ctx.addIssue({ code: 'custom', message: `entries must be https URLs, got "${entry}"` });
        return z.NEVER;
      }
    }
    if (entries.length === 0) ctx.addIssue({ code: 'custom', message: 'lists no URL' });
    return entries;
  });
