import type { Request } from 'express';
import { HeimoError } from '../../../core/errors.ts';

// A host name, IPv4 or bracketed IPv6, with an optional port: anything else in Host is refused
// rather than echoed into canonical links.
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The public base address links and canonical URLs start with: HEIMO_PUBLIC_URL when set, else
 * the scheme and Host of the request (set HEIMO_PUBLIC_URL behind a TLS-terminating proxy).
 */
export function publicBase(req: Request, configured: string | null): string {
  if (configured !== null) return configured.replace(/\/+$/, '');
  const host = req.get('host') ?? '';
  if (!HOST.test(host)) throw new HeimoError('BAD_INPUT', 'the request has no valid Host header (set HEIMO_PUBLIC_URL)');
  return `${req.protocol}://${host.toLowerCase()}`;
}
