import { hash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The cookie holding the browser's CSRF secret (HttpOnly; the token goes in the page or header). */
export const CSRF_COOKIE = 'concord_csrf';

/**
 * The key under which @fastify/csrf digests what a token is bound to. It need not be secret:
 * what a token is bound to is the session token, which never leaves its HttpOnly cookie, and
 * only a one-way digest of it appears in the token.
 */
export const CSRF_BINDING_KEY = 'concord csrf binding';

/**
 * What a CSRF token is bound to: the session it was issued in, or "signed out". A token from
 * another session, or from before signing in, does not verify, even with its own cookie.
 */
export function csrfBinding(sessionToken: string | undefined): string {
  return sessionToken ? `session:${hash('sha256', `csrf\n${sessionToken}`, 'base64url')}` : 'signed-out';
}

/**
 * Only one place for the token each kind of request: the `x-csrf-token` header for the JSON
 * API, the `_csrf` field for forms. Other headers that some clients send are not read, so a
 * token cannot arrive by a route the checks here do not know about.
 */
export function csrfTokenOf(req: FastifyRequest): string | undefined {
  if (req.url.startsWith('/api/')) {
    const header = req.headers['x-csrf-token'];
    return typeof header === 'string' ? header : undefined;
  }
  const field = (req.body as { _csrf?: unknown } | undefined)?._csrf;
  return typeof field === 'string' ? field : undefined;
}

/**
 * A new CSRF secret, at sign-in and sign-out: every token issued before is worthless, and so
 * is a secret someone planted in the browser. The request carries the new secret on, so a
 * token made later in this request uses it.
 */
export function renewCsrfSecret(req: FastifyRequest, reply: FastifyReply, cookieOptions: Record<string, unknown>): void {
  const secret = randomBytes(18).toString('base64url');
  req.cookies[CSRF_COOKIE] = secret;
  reply.setCookie(CSRF_COOKIE, secret, cookieOptions);
}

/** The secret's cookie: HttpOnly, so no script reads it, and for the whole site. */
export function csrfCookieOptions(config: { cookieSecure: 'auto' | boolean }) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.cookieSecure };
}
