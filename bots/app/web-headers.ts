import type { RequestHandler } from 'express';

/**
 * The headers every public page and API of Heimo answers with: no sniffing, no referrer across
 * origins, no caching of live data; JSON under `/api/` may be read from any origin, pages get
 * `policy` as their Content-Security-Policy (they run no scripts) and vary by language.
 */
export function publicWebHeaders(policy: string): RequestHandler {
  return (req, res, next) => {
    res.set({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'strict-origin-when-cross-origin', 'cache-control': 'no-cache' });
    if (req.baseUrl.startsWith('/api/')) res.set('access-control-allow-origin', '*');
    else res.set({ 'content-security-policy': policy, vary: 'Accept-Language' });
    next();
  };
}
