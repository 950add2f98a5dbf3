import { HeimoError } from '../../core/errors.ts';

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
