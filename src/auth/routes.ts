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
import { csrfCookieOptions, renewCsrfSecret } from './csrf.js';
import { loadPrincipal } from './principal.js';
import { verifyPassword } from './passwords.js';
import { clearAccountFailures, recordSignInFailure, signInKeys, signInLimited, type SignInKeys } from './limiter.js';
import { acceptSecondStep, CHALLENGE_MINUTES, createChallenge, findChallenge, restoreChallenge, spendChallenge, twoStepOn } from './two-step.js';
import type { Trx } from '../db/database.js';
import { DEMO_PASSWORD, isDemoCouncil } from '../demo/people.js';
import { councilNameIn } from '../i18n/messages.js';

export const SESSION_COOKIE = 'concord_session';

const signInSchema = z.object({
  email: labelled(z.string().trim().min(1, 'validation.required').max(254, 'validation.tooLong').email('validation.email'), 'signIn.email'),
  password: labelled(z.string().min(1, 'validation.required').max(1000, 'validation.tooLong'), 'signIn.password'),
});

/** The code from an authenticator app, or a recovery code. */
const codeField = labelled(z.string().trim().min(1, 'validation.required').max(100, 'validation.tooLong'), 'twoStep.code');
const codeSchema = z.object({ code: codeField });
/** The API takes the code with the password, for a person with two-step sign-in. */
const apiSignInSchema = signInSchema.extend({ code: codeField.optional() });

type SignInResult =
  | { ok: true; token: string; personId: string }
  | { ok: false; reason: 'bad_credentials' }
  | { ok: false; reason: 'code_needed'; personId: string }
  | { ok: false; reason: 'bad_code' }
  | { ok: false; reason: 'refused'; refusal: RefusedError };

/** Too many failed sign-ins to this account or from this address: 429, page or JSON. */
class TooManySignInsError extends Error {
  readonly statusCode = 429;
  constructor() {
    super('too many failed sign-ins');
  }
}

/** The cookie holding a sign-in that waits for its code (src/auth/two-step.ts). */
const TWO_STEP_COOKIE = 'concord_two_step';

/**
 * After the password (and the code, for two-step sign-in): the protocol may still refuse (a
 * councillor out of term may not sign in); otherwise the session begins.
 */
async function openSession(app: FastifyInstance, req: FastifyRequest, trx: Trx, personId: string, data: Record<string, unknown>): Promise<SignInResult> {
  const { config, clock } = app.concord.services;
  const council = req.councilOrThrow();
  const principal = (await loadPrincipal(trx, personId))!;
  const access = decide(principal, 'council.view', req.clauses!, londonDate(clock()));
  if (!access.allowed) return { ok: false, reason: 'refused', refusal: new RefusedError(access) };
  const token = await createSession(trx, council.id, personId, config.sessionHours, clock());
  await audit(trx, { councilId: council.id, actorId: personId, action: 'sign_in', entityType: 'person', entityId: personId, data });
  return { ok: true, token, personId };
}

/**
 * A wrong code is a failed sign-in like a wrong password; only a whole sign-in clears the
 * account's count. A right password alone does not, or someone holding it could guess codes
 * without end by asking for the code step between guesses.
 */
async function countOutcome(app: FastifyInstance, keys: SignInKeys, result: SignInResult): Promise<void> {
  const { db, clock } = app.concord.services;
  // A councillor out of term proved who they are too: only the protocol refused them.
  if (result.ok || result.reason === 'refused') await clearAccountFailures(db, keys);
  else if (result.reason === 'bad_credentials' || result.reason === 'bad_code') await recordSignInFailure(db, keys, clock());
}

async function refuseIfLimited(app: FastifyInstance, keys: SignInKeys): Promise<void> {
  const { db, config, clock } = app.concord.services;
  // An account or address that must wait is not told whether this password or code was right.
  if (await signInLimited(db, keys, { account: config.signInAttempts, address: config.signInAddressAttempts }, clock())) throw new TooManySignInsError();
}

/**
 * Check the password, then the code for a person with two-step sign-in, then the protocol.
 * The form and the API both come here, so they share one count of failures
 * (src/auth/limiter.ts). Without a code, a person with two-step sign-in is asked for one.
 */
async function signIn(app: FastifyInstance, req: FastifyRequest, email: string, password: string, code: string | undefined): Promise<SignInResult> {
  const council = req.councilOrThrow();
  const keys = signInKeys(council.id, email, req.ip);
  await refuseIfLimited(app, keys);
  const result = await req.tx(async (trx): Promise<SignInResult> => {
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
    if (!(await twoStepOn(trx, person.id))) return openSession(app, req, trx, person.id, {});
    if (code === undefined || code.trim() === '') return { ok: false, reason: 'code_needed', personId: person.id };
    return secondStep(app, req, trx, person.id, code);
  });
  await countOutcome(app, keys, result);
  return result;
}

/** The code (or a recovery code) of a person whose password was right. */
async function secondStep(app: FastifyInstance, req: FastifyRequest, trx: Trx, personId: string, code: string): Promise<SignInResult> {
  const council = req.councilOrThrow();
  const accepted = await acceptSecondStep(trx, personId, code, app.concord.services.clock());
  if (!accepted) {
    await audit(trx, { councilId: council.id, actorId: null, action: 'sign_in.code_failed', entityType: 'person', entityId: personId, data: {} });
    return { ok: false, reason: 'bad_code' };
  }
  if (accepted === 'recovery') await audit(trx, { councilId: council.id, actorId: personId, action: 'two_step.recovery_code_used', entityType: 'person', entityId: personId, data: {} });
  return openSession(app, req, trx, personId, { secondStep: accepted });
}

/** The council's own cookies: its path, for scripts never, and not sent from other sites' forms. */
function cookieBasics(app: FastifyInstance, req: FastifyRequest) {
  return { path: req.base || '/', httpOnly: true, sameSite: 'lax' as const, secure: app.concord.services.config.cookieSecure };
}

/**
 * The session begins: its cookie, and a new CSRF secret, so no token from before signing in
 * (or planted by someone else) works in it. Tokens made later in this request belong to it.
 */
function beginSession(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, token: string): void {
  const { config } = app.concord.services;
  reply.setCookie(SESSION_COOKIE, token, { ...cookieBasics(app, req), maxAge: config.sessionHours * 3600 });
  renewCsrfSecret(req, reply, csrfCookieOptions(config));
  req.sessionToken = token;
}

/** The session ends here and everywhere its cookie was copied; the CSRF secret goes with it. */
async function endThisSession(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (req.sessionToken) await req.tx((trx) => endSession(trx, req.sessionToken!));
  reply.clearCookie(SESSION_COOKIE, { path: req.base || '/' });
  renewCsrfSecret(req, reply, csrfCookieOptions(app.concord.services.config));
  req.sessionToken = undefined;
}

/** Only same-council paths, so a sign-in link cannot send anyone elsewhere. */
function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?!\/)[^\\]*$/.test(next) ? next : '/';
}

export async function authRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const signInPage = async (req: FastifyRequest, reply: FastifyReply, data: Record<string, unknown> = {}) => {
    const council = req.councilOrThrow();
    const demo = isDemoCouncil(council)
      ? await req.remembered('auth.demoAccounts', (trx) => trx.selectFrom('people').select(['name', 'email', 'role', 'council_office', 'job_title']).where('active', '=', true).orderBy('role').orderBy('name').execute())
      : undefined;
    return reply.view('auth/views/sign-in.njk', {
      title: req.t('signIn.title', { councilName: councilNameIn(req.t, council) }),
      demo,
      demoPassword: DEMO_PASSWORD,
      ...data,
    });
  };

  app.get('/sign-in', async (req, reply) => {
    if (req.principal) return reply.to('/');
    return signInPage(req, reply, { next: safeNext((req.query as { next?: string }).next) });
  });

  app.post('/sign-in', async (req, reply) => {
    const parsed = readForm(req, signInSchema);
    const next = safeNext(parsed.values.next);
    if (!parsed.ok) return signInPage(req, reply.status(400), { errors: parsed.errors, values: parsed.values, next });
    const result = await signIn(app, req, parsed.value.email, parsed.value.password, undefined);
    if (!result.ok && result.reason === 'refused') throw result.refusal;
    if (!result.ok && result.reason === 'code_needed') {
      const { clock } = app.concord.services;
      const challenge = await req.tx((trx) => createChallenge(trx, req.councilOrThrow().id, result.personId, clock()));
      reply.setCookie(TWO_STEP_COOKIE, challenge, { ...cookieBasics(app, req), maxAge: CHALLENGE_MINUTES * 60 });
      return reply.redirect(`${req.base}/sign-in/code?next=${encodeURIComponent(next)}`, 303);
    }
    if (!result.ok) {
      const errors = toFormErrors([{ field: 'email', message: req.t('signIn.failed') }]);
      return signInPage(req, reply.status(401), { errors, values: { email: parsed.value.email }, next });
    }
    beginSession(app, req, reply, result.token);
    return reply.redirect(`${req.base}${next}`, 303);
  });

  // The second step: the password was right, and the person has two-step sign-in on.
  const codePage = (req: FastifyRequest, reply: FastifyReply, data: Record<string, unknown>) =>
    reply.view('auth/views/sign-in-code.njk', { title: req.t('twoStep.signIn.title'), ...data });
  const waitingSignIn = async (req: FastifyRequest) => {
    const token = req.cookies[TWO_STEP_COOKIE];
    if (!token) return undefined;
    const challenge = await req.tx((trx) => findChallenge(trx, token, app.concord.services.clock()));
    return challenge && { ...challenge, token };
  };

  app.get('/sign-in/code', async (req, reply) => {
    const next = safeNext((req.query as { next?: string }).next);
    if (!(await waitingSignIn(req))) return reply.redirect(`${req.base}/sign-in`, 303);
    return codePage(req, reply, { next, values: {} });
  });

  app.post('/sign-in/code', async (req, reply) => {
    const parsed = readForm(req, codeSchema);
    const next = safeNext(parsed.values.next);
    const waiting = await waitingSignIn(req);
    // Too late (or no password given first): start again from the password.
    if (!waiting) return reply.redirect(`${req.base}/sign-in`, 303);
    if (!parsed.ok) return codePage(req, reply.status(400), { errors: parsed.errors, values: parsed.values, next });
    const council = req.councilOrThrow();
    const keys = signInKeys(council.id, waiting.email, req.ip);
    await refuseIfLimited(app, keys);
    const { clock } = app.concord.services;
    const result = await req.tx(async (trx): Promise<SignInResult | undefined> => {
      // Spent first, so two requests at once cannot both sign in with it; a wrong code gives it back.
      if (!(await spendChallenge(trx, waiting.id, clock()))) return undefined;
      const outcome = await secondStep(app, req, trx, waiting.person_id, parsed.value.code);
      if (!outcome.ok) await restoreChallenge(trx, waiting.id);
      return outcome;
    });
    if (!result) return reply.redirect(`${req.base}/sign-in`, 303);
    await countOutcome(app, keys, result);
    if (!result.ok && result.reason === 'refused') throw result.refusal;
    if (!result.ok) {
      const errors = toFormErrors([{ field: 'code', message: req.t('twoStep.signIn.failed') }]);
      return codePage(req, reply.status(401), { errors, values: {}, next });
    }
    reply.clearCookie(TWO_STEP_COOKIE, { path: req.base || '/' });
    beginSession(app, req, reply, result.token);
    return reply.redirect(`${req.base}${next}`, 303);
  });

  app.post('/sign-out', async (req, reply) => {
    await endThisSession(app, req, reply);
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
    return { person: p, council: { id: council.id, name: council.name, slug: council.slug }, csrfToken: reply.csrfToken() };
  };

  app.get('/api/v1/session', { schema: { tags: ['session'], summary: 'Who is signed in, and a CSRF token for writes', response: { 200: sessionView } } }, async (req, reply) => view(req, reply));

  app.post(
    '/api/v1/session',
    {
      schema: { tags: ['session'], summary: 'Sign in', description: 'For a person with two-step sign-in, send the code from their authenticator app (or a recovery code) as `code`; without it the answer is 401 `code_needed`, with a wrong one 401 `bad_code`.', body: apiSignInSchema, response: { 200: sessionView, 401: apiErrorSchema, 403: apiErrorSchema } },
    },
    async (req, reply) => {
      const result = await signIn(app, req, req.body.email, req.body.password, req.body.code);
      if (!result.ok && result.reason === 'refused') throw result.refusal;
      if (!result.ok && result.reason === 'code_needed') return reply.status(401).send({ error: { id: 'code_needed', message: req.t('twoStep.signIn.codeNeeded') } });
      if (!result.ok && result.reason === 'bad_code') return reply.status(401).send({ error: { id: 'bad_code', message: req.t('twoStep.signIn.failed') } });
      if (!result.ok) return reply.status(401).send({ error: { id: 'bad_credentials', message: req.t('signIn.failed') } });
      beginSession(app, req, reply, result.token);
      const person = await req.tx((trx) => loadPrincipal(trx, result.personId));
      return view(req, reply, { id: person!.personId, name: person!.name, role: person!.role });
    },
  );

  app.delete('/api/v1/session', { schema: { tags: ['session'], summary: 'Sign out', response: { 204: z.null().describe('Signed out: the session has ended') } } }, async (req, reply) => {
    await endThisSession(app, req, reply);
    return reply.status(204).send(null);
  });
}
