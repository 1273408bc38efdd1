import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { audit } from '../audit/audit.js';
import { decide } from '../policy/decide.js';
import { londonDate } from '../policy/principal.js';
import { toFormErrors } from '../web/forms.js';
import { labelled, readForm } from '../web/form.js';
import { RefusedError } from '../web/errors.js';
import { apiErrorSchema } from '../web/schemas.js';
import { createSession, endSession } from './sessions.js';
import { loadPrincipal } from './principal.js';
import { verifyPassword } from './passwords.js';
import { DEMO_PASSWORD, isDemoCouncil } from '../demo/people.js';

export const SESSION_COOKIE = 'concord_session';

const signInSchema = z.object({
  email: labelled(z.string().trim().min(1, 'validation.required').max(254, 'validation.tooLong').email('validation.email'), 'signIn.email'),
  password: labelled(z.string().min(1, 'validation.required').max(1000, 'validation.tooLong'), 'signIn.password'),
});

type SignInResult =
  | { ok: true; token: string; personId: string }
  | { ok: false; reason: 'bad_credentials' }
  | { ok: false; reason: 'refused'; refusal: RefusedError };

/** Check the password, then the protocol (a councillor out of term may not sign in). */
async function signIn(app: FastifyInstance, req: FastifyRequest, email: string, password: string): Promise<SignInResult> {
  const { db, config, clock } = app.concord.services;
  const council = req.councilOrThrow();
  return db.tenant(council.id, async (trx) => {
    const person = await trx
      .selectFrom('people')
      .select(['id', 'password_hash'])
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
      .where('active', '=', true)
      .executeTakeFirst();
    const valid = await verifyPassword(person?.password_hash ?? null, password);
    if (!person || !valid) {
      await audit(trx, { councilId: council.id, actorId: null, action: 'sign_in.failed', entityType: 'person', entityId: person?.id ?? null, data: {} });
      return { ok: false, reason: 'bad_credentials' };
    }
    const principal = (await loadPrincipal(trx, person.id))!;
    const access = decide(principal, 'council.view', req.clauses!, londonDate(clock()));
    if (!access.allowed) return { ok: false, reason: 'refused', refusal: new RefusedError(access) };
    const token = await createSession(trx, council.id, person.id, config.sessionHours, clock());
    await audit(trx, { councilId: council.id, actorId: person.id, action: 'sign_in', entityType: 'person', entityId: person.id, data: {} });
    return { ok: true, token, personId: person.id };
  });
}

function setSessionCookie(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, token: string): void {
  const { config } = app.concord.services;
  reply.setCookie(SESSION_COOKIE, token, {
    path: req.base || '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.cookieSecure,
    maxAge: config.sessionHours * 3600,
  });
}

/** Only same-council paths, so a sign-in link cannot send anyone elsewhere. */
function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?!\/)[^\\]*$/.test(next) ? next : '/';
}

export async function authRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  // Counted per address and account, after the body is read: guessing one person's password
  // is slowed, while a council office sharing one address still signs in its people.
  const limit = {
    max: app.concord.services.config.signInAttempts,
    timeWindow: '15 minutes',
    hook: 'preHandler' as const,
    keyGenerator: (req: FastifyRequest) => {
      const email = (req.body as { email?: unknown } | undefined)?.email;
      return `${req.ip}|${typeof email === 'string' ? email.trim().toLowerCase() : ''}`;
    },
  };

  const signInPage = async (req: FastifyRequest, reply: FastifyReply, data: Record<string, unknown> = {}) => {
    const council = req.councilOrThrow();
    const demo = isDemoCouncil(council)
      ? await req.tx((trx) => trx.selectFrom('people').select(['name', 'email', 'role', 'council_office', 'job_title']).where('active', '=', true).orderBy('role').orderBy('name').execute())
      : undefined;
    return reply.view('auth/views/sign-in.njk', {
      title: req.t('signIn.title', { councilName: council.name }),
      demo,
      demoPassword: DEMO_PASSWORD,
      ...data,
    });
  };

  app.get('/sign-in', async (req, reply) => {
    if (req.principal) return reply.to('/');
    return signInPage(req, reply, { next: safeNext((req.query as { next?: string }).next) });
  });

  app.post('/sign-in', { config: { rateLimit: limit } }, async (req, reply) => {
    const parsed = readForm(req, signInSchema);
    const next = safeNext(parsed.values.next);
    if (!parsed.ok) return signInPage(req, reply.status(400), { errors: parsed.errors, values: parsed.values, next });
    const result = await signIn(app, req, parsed.value.email, parsed.value.password);
    if (!result.ok && result.reason === 'refused') throw result.refusal;
    if (!result.ok) {
      const errors = toFormErrors([{ field: 'email', message: req.t('signIn.failed') }]);
      return signInPage(req, reply.status(401), { errors, values: { email: parsed.value.email }, next });
    }
    setSessionCookie(app, req, reply, result.token);
    return reply.redirect(`${req.base}${next}`, 303);
  });

  app.post('/sign-out', async (req, reply) => {
    if (req.sessionToken) await req.tx((trx) => endSession(trx, req.sessionToken!));
    reply.clearCookie(SESSION_COOKIE, { path: req.base || '/' });
    return reply.to('/sign-in', 'signOut.done');
  });

  // The same, for API clients. A browser's JSON requests still need the CSRF token,
  // which GET /api/v1/session hands out.
  const sessionView = z.object({
    person: z.object({ id: z.string(), name: z.string(), role: z.enum(['clerk', 'officer', 'councillor']) }).nullable(),
    council: z.object({ id: z.string(), name: z.string(), slug: z.string() }),
    csrfToken: z.string(),
  });
  const view = (req: FastifyRequest, reply: FastifyReply, personName?: { id: string; name: string; role: 'clerk' | 'officer' | 'councillor' }) => {
    const council = req.councilOrThrow();
    const p = personName ?? (req.principal ? { id: req.principal.personId, name: req.principal.name, role: req.principal.role } : null);
    return { person: p, council: { id: council.id, name: council.name, slug: council.slug }, csrfToken: reply.generateCsrf() };
  };

  app.get('/api/v1/session', { schema: { tags: ['session'], summary: 'Who is signed in, and a CSRF token for writes', response: { 200: sessionView } } }, async (req, reply) => view(req, reply));

  app.post(
    '/api/v1/session',
    {
      config: { rateLimit: limit },
      schema: { tags: ['session'], summary: 'Sign in', body: signInSchema, response: { 200: sessionView, 401: apiErrorSchema, 403: apiErrorSchema } },
    },
    async (req, reply) => {
      const result = await signIn(app, req, req.body.email, req.body.password);
      if (!result.ok && result.reason === 'refused') throw result.refusal;
      if (!result.ok) return reply.status(401).send({ error: { id: 'bad_credentials', message: req.t('signIn.failed') } });
      setSessionCookie(app, req, reply, result.token);
      const person = await req.tx((trx) => loadPrincipal(trx, result.personId));
      return view(req, reply, { id: person!.personId, name: person!.name, role: person!.role });
    },
  );

  app.delete('/api/v1/session', { schema: { tags: ['session'], summary: 'Sign out', response: { 204: z.null().describe('Signed out: the session is ended and its cookie cleared') } } }, async (req, reply) => {
    if (req.sessionToken) await req.tx((trx) => endSession(trx, req.sessionToken!));
    reply.clearCookie(SESSION_COOKIE, { path: req.base || '/' });
    return reply.status(204).send(null);
  });
}
