import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import csrf from '@fastify/csrf-protection';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config/config.js';
import type { Database, Trx } from './db/database.js';
import { RequestTransaction } from './db/request-transaction.js';
import { ANY_TABLE, listenForChanges, type ChangeListener, type ListenOptions } from './db/changes.js';
import { onCommittedWrites } from './db/commits.js';
import { identityOf, isRemembered, RememberedReads } from './db/remembered-reads.js';
import { CouncilResolver, splitCouncilPrefix } from './councils/resolver.js';
import { ClauseIndexCache } from './protocol/clause-index.js';
import { modelTemplate } from './protocol/templates/model.js';
import type { Translate } from './i18n/messages.js';
import { inLanguage, type FormErrors } from './web/forms.js';
import { freshNonce } from './web/nonce.js';
import { createViews } from './web/render.js';
import { councilSlugs } from './web/context.js';
import { assetSourceDir, builtAssetDir, ensureStylesheet, govukDistDir } from './web/assets.js';
import { apiError, registerErrorHandling } from './web/error-handler.js';
import { decide, ruleInForce, type ClauseIndex } from './policy/decide.js';
import type { Council } from './db/schema.js';
import type { Action, Subject } from './policy/actions.js';
import { londonDate, principalKey, type Principal } from './policy/principal.js';
import { DomainError, InvalidInputError, NotFoundError, RefusedError, UnauthenticatedError } from './web/errors.js';
import { unstorableTextProblems } from './web/input.js';
import { apiErrorSchema } from './web/schemas.js';
import { endSessionsOf, sessionKey } from './auth/sessions.js';
import { loadSession, type LiveSession } from './auth/principal.js';
import { registerHealth } from './operations/health.js';
import { linkOrigin } from './web/origin.js';
import { registerMetrics } from './operations/metrics.js';
import { audit } from './audit/audit.js';
import { SESSION_COOKIE } from './auth/routes.js';
import { CSRF_BINDING_KEY, CSRF_COOKIE, csrfBinding, csrfCookieOptions, csrfTokenOf } from './auth/csrf.js';
import { APPLIED_AT, councilTranslator, councilWords, homePanelsFor, navigationFor, personalDataOf, PUBLIC_PAGES, registerCapabilities, RULE_TABLE, translator } from './capabilities/registry.js';
import { chooseLocale } from './i18n/choose.js';
import { isLocale, type Locale } from './i18n/messages.js';
import { councilLanguages, type RuleId } from './protocol/types.js';
import { modelClausesInWelsh } from './protocol/templates/index.js';
import { mailerFor, type Mailer } from './notifications/mailer.js';
import { inRecipientsLanguages } from './notifications/delivery.js';

/** What Concord needs from the outside world. Tests pass their own. */
export interface Services {
  config: Config;
  db: Database;
  /** The current time; tests fix it. */
  clock?: () => Date;
  /** Where email goes: SMTP when configured, otherwise the outbox (src/notifications). */
  mailer?: Mailer;
}

export interface AppState {
  services: Required<Services>;
  councils: CouncilResolver;
  clauseIndexes: ClauseIndexCache;
  /** What was read of each council, until anything is written to it (`req.remembered`, sessions). */
  reads: RememberedReads;
  /** Where each rule takes effect, from the capabilities (for the protocol page). */
  appliedAt: typeof APPLIED_AT;
  /** The council's public pages, from the capabilities (for the public home). */
  publicPages: typeof PUBLIC_PAGES;
  /** The home page's panels for the signed-in person, from the capabilities. */
  homePanels: typeof homePanelsFor;
  /** A council's words in a language: for text written for someone other than the reader (emails). */
  translate: typeof councilTranslator;
  /** What every capability holds about a person (src/privacy). */
  personalData: typeof personalDataOf;
  /** A council's clauses in a language, as its refusals cite them: for text in another language than the reader's (letters). */
  clausesOf(read: <T>(fn: (trx: Trx) => Promise<T>) => Promise<T>, council: Council, locale: Locale, today: string): Promise<ClauseIndex>;
}

declare module 'fastify' {
  interface FastifyInstance {
    concord: AppState;
  }
}

/** Paths that belong to no council and need no session. */
const OUTSIDE_COUNCILS = /^\/(healthz|readyz|metrics$|assets\/|api\/openapi\.json)/;

/**
 * Each route's response written by zod's serializer (checked against the route's schema, then
 * JSON); an answer remembered (`req.remembered`) is the same object, never changed, each time it
 * is sent, so its JSON is written once per route and sent again.
 */
const serializeRemembered: typeof serializerCompiler = (route) => {
  const serialize = serializerCompiler(route);
  const written = new WeakMap<object, string>();
  return (data: unknown) => {
    if (!isRemembered(data)) return serialize(data);
    let json = written.get(data);
    if (json === undefined) written.set(data, (json = serialize(data)));
    return json;
  };
};

/**
 * Fastify's factories of compilers, as zod's compilers: Fastify's types describe factories of
 * Ajv compilers, but at run time a factory returns any compiler of a route's schema.
 */
const ZOD_COMPILERS = {
  buildValidator: () => validatorCompiler,
  buildSerializer: () => serializeRemembered,
} as unknown as NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;

export async function buildApp(input: Services): Promise<FastifyInstance> {
  const services: Required<Services> = { clock: () => new Date(), ...input, mailer: input.mailer ?? mailerFor(input.config) };
  const { config, db } = services;
  ensureStylesheet();

  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    trustProxy: config.trustProxy,
    // Each request's log lines carry one id, sent back as X-Request-Id so a clerk's report of
    // a problem can be found in the logs; a trusted proxy's own id is kept, to follow it through.
    genReqId: () => randomUUID(),
    requestIdHeader: config.trustProxy ? 'x-request-id' : false,
    // One line a request is noise for a clerk's laptop; at debug level they come back.
    logController: new LogController({ disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace', requestIdLogLabel: 'requestId' }),
    // Councils sharing one host are told apart by a path prefix, taken off before routing.
    // A path that is not correctly percent-encoded is routed with its bad parts blanked and
    // refused once the council is known, so its answer is Concord's own (see `readablePath`).
    rewriteUrl(req) {
      const url = req.url ?? '/';
      const prefixed = splitCouncilPrefix(url);
      if (prefixed) councilSlugs.set(req, prefixed.slug);
      return readablePath(req, prefixed ? prefixed.rest : url);
    },
    // Ids are checked by each route's schema, in the reader's words; the router's own limit
    // would answer a long one before Concord could. Node's header limit still bounds a URL.
    routerOptions: { maxParamLength: 16 * 1024 },
    // Whatever the router still refuses is answered in Concord's one error shape.
    frameworkErrors(error, req, res) {
      const reply = res as FastifyReply;
      const status = error.statusCode ?? 400;
      // Before any hook: neither council nor reader is known, so the words are the default language's.
      const message = translator('en')(status === 414 ? 'error.addressTooLong' : 'error.badAddress');
      if (req.url.startsWith('/api/') || req.url.includes('/api/')) void reply.code(status).type('application/json; charset=utf-8').send(apiError('bad_address', message));
      else void reply.code(status).type('text/plain; charset=utf-8').send(message);
    },
    // Every schema is zod's, so Fastify's own compilers of JSON schemas (Ajv's, and
    // fast-json-stringify's for responses) would be loaded only to go unused: given zod's as
    // their factories, Fastify loads neither (about 0.1 s of a start; its error serializer still
    // uses fast-json-stringify's runtime).
    schemaController: { compilersFactory: ZOD_COMPILERS },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializeRemembered);

  const state: AppState = {
    services,
    councils: new CouncilResolver(db),
    clauseIndexes: new ClauseIndexCache(modelTemplate, RULE_TABLE, modelClausesInWelsh),
    reads: new RememberedReads(() => performance.now()),
    appliedAt: APPLIED_AT,
    publicPages: PUBLIC_PAGES,
    homePanels: homePanelsFor,
    translate: councilTranslator,
    personalData: personalDataOf,
    clausesOf: (read, council, locale, today) => state.clauseIndexes.get(read, council.id, councilWords(council, locale).councilName ?? council.name, locale, today),
  };
  app.decorate('concord', state);
  // An embedded database has one process, which hears every write as it commits. A PostgreSQL
  // server may have others, whose writes are heard only through followDatabaseChanges: until it
  // listens, nothing is answered from memory.
  if (db.driver !== 'pglite') state.reads.follow(false);
  // This process's own writes are heard as they commit; other processes' through followDatabaseChanges.
  const stopHearingWrites = onCommittedWrites((councilId) => state.reads.changed(councilId));
  app.addHook('onClose', async () => {
    stopHearingWrites();
  });
  const views = createViews();
  /** The words of a request before its council and language are known. */
  const english = translator('en');

  await app.register(cookie);
  await app.register(formbody);
  // Each token is bound to the session it was issued in (src/auth/csrf.ts), and the secret
  // is renewed at sign-in and sign-out.
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: CSRF_COOKIE,
    cookieOpts: csrfCookieOptions(config),
    csrfOpts: { hmacKey: CSRF_BINDING_KEY },
    getUserInfo: (req) => csrfBinding(req.sessionToken),
    getToken: csrfTokenOf,
  });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Concord API', version: '1', description: 'Everything Concord’s pages do, as JSON. Refusals name the protocol clause that causes them.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    hideUntagged: true,
    transform: jsonSchemaTransform,
  });
  // Only these files are served: the built stylesheet, the icon, and govuk-frontend's script.
  await app.register(fastifyStatic, {
    root: [builtAssetDir, assetSourceDir, govukDistDir],
    prefix: '/assets/',
    index: false,
    allowedPath: (path) => /^\/(concord\.css|init\.js|concord-icon\.svg|govuk-frontend\.min\.js)$/.test(path),
  });

  // An honest contract: every API operation declares the errors any request can get, with
  // the one error body, besides the answers the operation declares itself.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1') || !route.schema || route.schema.hide) return;
    const writes = !['GET', 'HEAD'].includes(String(route.method));
    const errors: Record<number, typeof apiErrorSchema> = { 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 414: apiErrorSchema, 429: apiErrorSchema };
    if (!route.config?.public) errors[401] = apiErrorSchema;
    if (writes) Object.assign(errors, { 409: apiErrorSchema, 413: apiErrorSchema, 415: apiErrorSchema });
    route.schema.response = { ...errors, ...(route.schema.response as Record<number, unknown> | undefined) };
  });

  app.decorateRequest('council', undefined);
  app.decorateRequest('base', '');
  app.decorateRequest('principal', undefined);
  app.decorateRequest('clauses', undefined);
  app.decorateRequest('sessionToken', undefined);
  app.decorateRequest('work', undefined);
  app.decorateRequest('today', '');
  app.decorateRequest('locale', 'en');
  app.decorateRequest('languages', null as unknown as readonly Locale[]);
  // Made when first asked for: only a page (its one inline script) needs one, not the API.
  app.decorateRequest('cspNonce', {
    getter(this: FastifyRequest) {
      let nonce = nonces.get(this);
      if (!nonce) nonces.set(this, (nonce = freshNonce()));
      return nonce;
    },
  });
  app.decorateRequest('t', function () {
    throw new Error('translator not set');
  } as unknown as FastifyRequest['t']);
  app.decorateRequest('tx', function <T>(this: FastifyRequest, fn: (trx: Trx) => Promise<T>) {
    const council = this.councilOrThrow();
    return this.work ? this.work.run(fn) : db.tenant(council.id, fn);
  });
  app.decorateRequest('remembered', function <T>(this: FastifyRequest, key: string, load: (trx: Trx) => Promise<T>) {
    const council = this.councilOrThrow();
    if (!answersFromMemory(this)) return this.tx(load);
    // What the read may depend on besides the council's rows: who asks, with all the rules
    // look at (a session read afresh may carry a role or office newer than a read kept),
    // the clauses in force (the index held), the language and the day.
    const who = this.principal ? principalKey(this.principal) : '';
    const clauses = this.clauses ? identityOf(this.clauses) : 0;
    const read = () => (this.work ? this.work.read(load) : db.tenant(council.id, load));
    return state.reads.read(council.id, `${key}\u0000${who}\u0000${clauses}\u0000${this.locale}\u0000${this.today}`, read);
  });
  // Each recipient's words, for the emails a request sends (src/notifications/delivery.ts).
  app.decorateRequest('recipientsText', function (this: FastifyRequest, trx: Trx) {
    const council = this.councilOrThrow();
    return inRecipientsLanguages(trx, council, (locale) => councilTranslator(council, locale), `${linkOrigin(this)}${this.base}`);
  });
  app.decorateRequest('councilOrThrow', function (this: FastifyRequest) {
    if (!this.council) throw new NotFoundError();
    return this.council;
  });
  app.decorateRequest('user', function (this: FastifyRequest) {
    if (!this.principal) throw new UnauthenticatedError();
    return this.principal;
  });
  // The contracts are checked where these are called; here the subject is passed on as it came.
  app.decorateRequest('authorize', function (this: FastifyRequest, action: Action, ...[resource, context]: Subject<Action>) {
    const decision = decide(this.user(), action, this.clauses!, this.today, resource, context);
    if (!decision.allowed) throw new RefusedError(decision);
  } as FastifyRequest['authorize']);
  app.decorateRequest('allows', function (this: FastifyRequest, action: Action, ...[resource, context]: Subject<Action>) {
    return !!this.principal && decide(this.principal, action, this.clauses!, this.today, resource, context).allowed;
  } as FastifyRequest['allows']);

  app.decorateReply('view', function (this: FastifyReply, template: string, data: Record<string, unknown> = {}) {
    const req = this.request;
    const flash = req.cookies.concord_flash;
    if (flash) this.clearCookie('concord_flash', { path: '/' });
    const nav = navigationFor(req, typeof data.section === 'string' ? data.section : undefined);
    const html = views.render(template, {
      t: req.t,
      locale: req.locale,
      councilName: req.council ? councilWords(req.council, req.locale).councilName : undefined,
      languageSwitch: languageSwitch(req),
      navigation: nav.items,
      subNavigation: nav.sub,
      council: req.council,
      principal: req.principal,
      base: req.base,
      csrfToken: this.csrfToken(),
      cspNonce: req.cspNonce,
      // Whether a rule applies in this council: for text that describes what the protocol does.
      inForce: (ruleId: RuleId) => !!req.clauses && ruleInForce(req.clauses, ruleId),
      ...flashMessage(req.t, flash),
      ...data,
      ...(isFormErrors(data.errors) ? { errors: inLanguage(data.errors, req.t('error.visuallyHidden')) } : {}),
    });
    return this.header('content-type', 'text/html; charset=utf-8').send(html);
  });
  app.decorateReply('csrfToken', function (this: FastifyReply) {
    return this.generateCsrf({ userInfo: csrfBinding(this.request.sessionToken) });
  });
  app.decorateReply('to', function (this: FastifyReply, path: string, flash?: string) {
    if (flash) this.setCookie('concord_flash', flash, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 60 });
    return this.redirect(`${this.request.base}${path}`, 303);
  });

  // Who and where: the council from host or prefix, then the person from their session.
  app.addHook('onRequest', async (req, reply) => {
    req.today = londonDate(services.clock());
    req.locale = 'en';
    req.languages = ['en'];
    req.t = english;
    const path = req.url.split('?')[0] ?? '/';
    if (OUTSIDE_COUNCILS.test(path)) return;
    const slug = councilSlugs.get(req.raw);
    const council = await state.councils.resolve(req.hostname, slug);
    if (!council) throw new NotFoundError();
    req.council = council;
    req.base = slug ? `/c/${slug}` : '';
    // One transaction for the request's work, begun when first needed (src/db/request-transaction.ts).
    const work = new RequestTransaction(db, council.id, () => state.reads.changed(council.id));
    req.work = work;
    reply.raw.once('close', () => void work.close());
    const token = req.cookies[SESSION_COOKIE];
    const languages = councilLanguages(council);
    const asked = (req.query as Record<string, unknown> | undefined)?.lang;
    // A signed-out request needs the database only when the council's clauses are not yet held;
    // a GET by someone signed in only when the council has changed since their session was read
    // (signing out is a change). This process hears its own writes as they commit; another
    // process's sign-out is heard when its notification arrives, and until then that process
    // could still answer a GET, never a write, with the session (decisions/0028).
    const fromMemory = token !== undefined && answersFromMemory(req);
    const principal = token ? await livePrincipal(state.reads, work, council.id, token, services.clock(), fromMemory) : undefined;
    // On PostgreSQL, a GET that may write (a language switched, an export recorded in the audit
    // log: any `req.tx`) reads the session afresh first, since a sign-out through another
    // process may not have been heard yet. One process alone serves an embedded database.
    if (principal && fromMemory && db.driver === 'postgres') work.beforeWriting = (trx) => stillSignedIn(trx, token, principal, services.clock());
    // The language of this response, and the clauses it cites, in that language.
    req.locale = chooseLocale(
      { query: asked, person: principal?.locale, cookie: req.cookies[LANGUAGE_COOKIE], acceptLanguage: req.headers['accept-language'], api: path.startsWith('/api/') },
      languages,
      council.settings.defaultLocale ?? 'en',
    );
    // A switch asked for is remembered: on the person's account, and in a cookie for people signed out.
    if (isLocale(asked) && asked === req.locale && principal && principal.locale !== asked) {
      await work.run((trx) => trx.updateTable('people').set({ locale: asked }).where('id', '=', principal.personId).execute());
      principal.locale = asked;
    }
    const clauses = await state.clausesOf((fn) => work.read(fn), council, req.locale, req.today);
    if (isLocale(asked) && asked === req.locale) reply.setCookie(LANGUAGE_COOKIE, asked, { path: req.base || '/', maxAge: 365 * 24 * 3600, sameSite: 'lax', httpOnly: true, secure: config.cookieSecure });
    req.languages = languages;
    req.t = councilTranslator(council, req.locale);
    req.clauses = clauses;
    if (!principal) return;
    // Access ends with the term of office: the session goes, and the person is told why.
    const access = decide(principal, 'council.view', clauses, req.today);
    if (!access.allowed) {
      await work.run((trx) => endSessionsOf(trx, principal.personId));
      reply.clearCookie(SESSION_COOKIE, { path: req.base || '/' });
      throw new RefusedError(access);
    }
    req.principal = principal;
    req.sessionToken = token;
    // A large body (an upload) may take a while to arrive: the connection is not held meanwhile.
    if (Number(req.headers['content-length'] ?? 0) > 64 * 1024 || req.headers['transfer-encoding']) await work.commit();
  });

  // Refused here, not by the router, so that the answer is a page of the council's, in the reader's language.
  app.addHook('onRequest', async (req) => {
    if (badlyEncoded.has(req.raw)) throw new DomainError('bad_address', 'error.badAddress');
  });

  // The request's work is made durable before its answer leaves: a failed commit is answered as
  // an error (503 when the database went away), never as the success the route prepared.
  app.addHook('onSend', async (req, reply) => {
    await req.work?.commit();
    // The browser that wrote reads afresh for a few seconds, whichever process answers it next:
    // another process forgets what it read of the council only when the write's notification
    // arrives, and the page after a form is asked for at once (decisions/0028).
    if (req.work?.committedWrites && !onlyReads(req) && reply.statusCode < 400) reply.setCookie(JUST_WROTE_COOKIE, '1', { path: req.base || '/', maxAge: JUST_WROTE_S, httpOnly: true, sameSite: 'lax', secure: config.cookieSecure });
  });

  // Browsers are told to run only Concord's own scripts, never to frame its pages, and not
  // to keep pages holding personal data in shared caches.
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-request-id', req.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('text/html')) {
      reply.header(
        'content-security-policy',
        `default-src 'self'; script-src 'self' 'nonce-${req.cspNonce}'; style-src 'self'; img-src 'self' data:; ` +
          "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
      );
    }
    if (req.principal && !reply.hasHeader('cache-control')) reply.header('cache-control', 'private, no-store');
    // Pages for people signed out carry a form token tied to the browser: kept by no shared
    // cache, and checked again before a browser reuses its own copy.
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'private, no-cache');
    // Over HTTPS (directly, or through a proxy Concord is told to trust), browsers are told
    // to keep to HTTPS for a year.
    if (req.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    return payload;
  });

  // Every form and every API write carries the CSRF token; no route is exempt. Checked
  // before anything else reads the body.
  app.addHook('preValidation', (req, reply, done) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return done();
    app.csrfProtection(req, reply, done);
  });
  // A route that names its action in `config.authorize` is refused before its body is
  // validated: a councillor learns the clause, not which fields they got wrong.
  app.addHook('preValidation', async (req) => {
    const action = req.routeOptions.config.authorize;
    if (action) req.authorize(action);
  });
  // Text no database column can hold is bad input, refused before any schema or service reads it.
  app.addHook('preValidation', async (req) => {
    const problems = unstorableTextProblems(req);
    if (problems.length) throw new InvalidInputError(problems);
  });

  registerErrorHandling(app, views, english, async (req, decision) => {
    // Refusals are kept: they are the record that the protocol was applied to everyone alike.
    if (!req.council) return;
    await req.tx((trx) =>
      audit(trx, {
        councilId: req.council!.id,
        actorId: req.principal?.personId ?? null,
        action: 'access.refused',
        entityType: 'rule',
        entityId: decision.ruleId,
        data: { errorId: decision.errorId, method: req.method, path: req.url.split('?')[0], clauses: decision.clauses.map((c) => c.number) },
      }),
    );
  });

  registerHealth(app, db);
  if (config.metrics.enabled) registerMetrics(app, db, { token: config.metrics.token });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await registerCapabilities(app);
  return app;
}

/**
 * The success banner carried across a redirect as "key|{json vars}": its text, and its title
 * from "<key>.title" where the catalogue has one ("Saved" otherwise).
 */
function flashMessage(t: Translate, cookie: string | undefined): { flash?: string; flashTitle?: string } {
  if (!cookie) return {};
  const [key = '', ...rest] = cookie.split('|');
  let vars: Record<string, string> = {};
  try {
    const parsed: unknown = JSON.parse(rest.join('|') || '{}');
    if (parsed && typeof parsed === 'object') vars = parsed as Record<string, string>;
  } catch {
    // A tampered cookie shows the message without its details.
  }
  // A message about a number of things takes the form for that number ("One reminder queued").
  const count = Number(vars.count);
  const text = vars.count !== undefined && Number.isInteger(count) ? t.plural(key, count, vars) : t(key, vars);
  return { flash: text, flashTitle: t(t.has(`${key}.title`) ? `${key}.title` : 'common.saved.title') };
}

/** Whether a request only reads. */
function onlyReads(req: FastifyRequest): boolean {
  return req.method === 'GET' || req.method === 'HEAD';
}

/** Set for a few seconds on the browser of someone who has just written: see the onSend hook. */
const JUST_WROTE_COOKIE = 'concord_wrote';
const JUST_WROTE_S = 5;

/**
 * Whether what a request reads may be answered from what was read before (decisions/0028): only
 * a request that reads, from a browser that has not just written, and before this request
 * itself writes anything (a language switched), since a read made after that would see its
 * uncommitted write.
 */
function answersFromMemory(req: FastifyRequest): boolean {
  return onlyReads(req) && req.cookies[JUST_WROTE_COOKIE] === undefined && !req.work?.holdsWrites;
}

/**
 * The person signed in with `token`, if their session lasts. A request that only reads may have
 * it from the session read before, while nothing has been written to the council (signing out,
 * a person's role or groups changing are writes): it is checked against the clock again here.
 * A request that writes reads it afresh. A copy is handed out, since a request may change it.
 */
async function livePrincipal(remembered: RememberedReads, work: RequestTransaction, councilId: string, token: string, now: Date, mayRemember: boolean): Promise<Principal | undefined> {
  const load = () => work.read((trx) => loadSession(trx, token, now));
  const session: LiveSession | undefined = mayRemember ? await remembered.read(councilId, `session\u0000${sessionKey(token)}`, load, (found) => found !== undefined) : await load();
  if (!session || session.expiresAt.getTime() <= now.getTime()) return undefined;
  return { ...session.principal };
}

/**
 * Refuses, as signed out, a request whose session was answered from memory once the session read
 * afresh has ended or no longer carries the same person as far as the rules read them (their
 * role or groups changed meanwhile): the request was authorised as that person, and so it stops.
 */
async function stillSignedIn(trx: Trx, token: string, principal: Principal, now: Date): Promise<void> {
  const fresh = await loadSession(trx, token, now);
  if (!fresh || principalKey(fresh.principal) !== principalKey(principal)) throw new UnauthenticatedError();
}

/** Each request's nonce for its page's inline script, once made (`req.cspNonce`). */
const nonces = new WeakMap<object, string>();

/** Requests whose path had a segment that does not decode (a stray "%", bytes that are not UTF-8). */
const badlyEncoded = new WeakSet<object>();

/** How long cached councils and clause indexes may go unread while changes are heard as they are made: a safety net. */
export const HEARD_CHANGES_MAX_AGE_MS = 15 * 60_000;

/**
 * Keeps this process's caches true to what any process commits: several processes can serve
 * one PostgreSQL database, and each holds the councils, their clause indexes and what was read
 * of them in memory. A council's row changing drops the councils' maps and its clause index
 * (refusals cite the protocol by the council's name); a protocol version adopted drops the
 * council's index; any write to a council drops what was read of it (its own writes this
 * process hears as they commit). With changes heard, the caches' age limit is only a safety
 * net. The caller closes what it gets.
 */
export async function followDatabaseChanges(app: FastifyInstance, options: ListenOptions = {}): Promise<ChangeListener> {
  const { councils, clauseIndexes, reads, services } = app.concord;
  const listener = await listenForChanges(
    services.db,
    {
      onChange(change, toldHere) {
        // Every write tells its council; only the triggers' words name the tables held here. A
        // write this process told as it committed was counted then: counted again, what was read
        // since would be read afresh once more for nothing.
        if (!toldHere) reads.changed(change.council);
        if (change.table === ANY_TABLE) return;
        if (change.table === 'councils') councils.invalidate();
        if (change.council) clauseIndexes.invalidate(change.council);
      },
      onMissed() {
        councils.invalidate();
        clauseIndexes.clear();
        reads.changed(null);
        reads.follow(true);
      },
      onError: (error) => {
        // Until it listens again, other processes' writes go unheard: nothing is answered from memory.
        reads.follow(false);
        app.log.warn({ err: error }, 'the connection listening for changes to councils was lost; connecting again');
      },
    },
    options,
  );
  councils.setMaxAge(HEARD_CHANGES_MAX_AGE_MS);
  clauseIndexes.setMaxAge(HEARD_CHANGES_MAX_AGE_MS);
  // Listening from here on, so every write from now is heard: reads may be remembered.
  reads.follow(true);
  return listener;
}

/**
 * The path with every segment that does not percent-decode replaced by "-", remembering the
 * request as badly encoded. The router would otherwise answer it with its own error body,
 * before the council, the language or the session are known.
 */
function readablePath(req: object, url: string): string {
  const at = url.indexOf('?');
  const path = at === -1 ? url : url.slice(0, at);
  if (!path.includes('%')) return url;
  let bad = false;
  const segments = path.split('/').map((segment) => {
    try {
      decodeURIComponent(segment);
      return segment;
    } catch {
      bad = true;
      return '-';
    }
  });
  if (!bad) return url;
  badlyEncoded.add(req);
  return segments.join('/') + (at === -1 ? '' : url.slice(at));
}

/** The cookie that remembers the language chosen by someone signed out. */
const LANGUAGE_COOKIE = 'concord_lang';

/**
 * The link to this page in the council's other language, shown on every page of a bilingual
 * council: a plain link, so it works without JavaScript, named in its own language.
 */
function languageSwitch(req: FastifyRequest): { href: string; text: string; lang: Locale } | undefined {
  const other = req.languages.find((l) => l !== req.locale);
  if (!other) return undefined;
  const [path = '/', query = ''] = req.url.split('?');
  const params = new URLSearchParams(query);
  params.set('lang', other);
  return { href: `${req.base}${path}?${params.toString()}`, text: other === 'cy' ? 'Cymraeg' : 'English', lang: other };
}

function isFormErrors(value: unknown): value is FormErrors {
  return typeof value === 'object' && value !== null && typeof (value as { fields?: unknown }).fields === 'object' && (value as { fields?: unknown }).fields !== null;
}
