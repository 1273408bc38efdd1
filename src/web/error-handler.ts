import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type nunjucks from 'nunjucks';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { councilNameIn, type Translate } from '../i18n/messages.js';
import type { Decision } from '../policy/decide.js';
import type { InsteadLink } from '../policy/rules.js';
import { databaseUnavailable } from './unavailable.js';
import { DomainError, InvalidInputError, NotFoundError, RefusedError, UnauthenticatedError, type FieldError } from './errors.js';

type Refusal = Extract<Decision, { allowed: false }>;

const isApi = (req: FastifyRequest) => req.url.startsWith('/api/');

/** The one JSON shape of every API error. */
/**
 * The paths the protocol offers instead of what a rule refused, shown as links on the
 * refusal page and listed in the API's error: an instruction to an officer becomes an
 * enquiry, or an item for the council to decide.
 */
const INSTEAD: Record<string, readonly InsteadLink[]> = {
  individual_instruction: [
    { path: '/enquiries/new', labelKey: 'refused.instead.enquiry' },
    { path: '/meetings', labelKey: 'refused.instead.agenda' },
  ],
  // A paper withheld for a pecuniary interest: the register may be out of date, or the
  // councillor may ask the Clerk in writing for a dispensation (Localism Act 2011 s.33).
  interest_conflict: [
    { path: '/interests', labelKey: 'refused.instead.interests' },
    { path: '/declarations/dispensations/new', labelKey: 'refused.instead.dispensation' },
  ],
};

export function apiError(id: string, message: string, extra: Record<string, unknown> = {}) {
  return { error: { id, message, ...extra } };
}

/**
 * One place that turns errors into responses: a refusal into a page naming the clause
 * (or 403 JSON with the clause), validation into 400 with the fields, and anything
 * unexpected into a plain 500 that shows no internals.
 */
export function registerErrorHandling(
  app: FastifyInstance,
  views: nunjucks.Environment,
  /** For a request that failed before its council's translator was set. */
  fallbackT: Translate,
  onRefused: (req: FastifyRequest, decision: Refusal) => Promise<void>,
): void {
  const page = (req: FastifyRequest, reply: FastifyReply, status: number, template: string, data: Record<string, unknown>) => {
    reply.status(status);
    try {
      return reply.view(template, data);
    } catch {
      // The view needs a CSRF secret and a council; without them, plain text still answers.
      return reply.type('text/plain; charset=utf-8').send(typeof data.title === 'string' ? data.title : String(status));
    }
  };

  app.setErrorHandler(async (error: FastifyError, req, reply) => {
    const t = typeof req.t === 'function' ? req.t : fallbackT;

    if (error instanceof RefusedError) {
      await onRefused(req, error.decision).catch((e: unknown) => req.log.error(e, 'could not record a refusal'));
      const clause = error.decision.clauses[0]!;
      // A safeguard from Concord's model protocol says so, so no one takes it for the council's own clause.
      const message = clause.baseline
        ? t('refused.underBaselineClause', { number: clause.number, text: clause.text })
        : t('refused.underClause', { number: clause.number, protocol: clause.protocol, text: clause.text });
      // The rule's own advice for this request, where the usual would be wrong for it (a dispensation already asked for).
      const advice = error.decision.advice;
      const instead = (advice?.instead ?? INSTEAD[error.decision.errorId] ?? []).map((i) => ({ path: i.path, label: t(i.labelKey) }));
      if (isApi(req)) {
        return reply.status(403).send(
          apiError(error.decision.errorId, message, {
            clause: { protocol: clause.protocol, number: clause.number, text: clause.text },
            clauses: error.decision.clauses.map((c) => ({ protocol: c.protocol, number: c.number, text: c.text })),
            ...(instead.length ? { instead: instead.map((i) => ({ label: i.label, href: `${req.base}${i.path}` })) } : {}),
          }),
        );
      }
      return page(req, reply, 403, 'web/views/refused.njk', {
        title: t('refused.title'),
        decision: error.decision,
        message,
        alternative: advice ? t(advice.key, advice.vars) : t(`refused.alt.${error.decision.errorId}`),
        instead,
        lead: t.has(`refused.lead.${error.decision.errorId}`) ? t(`refused.lead.${error.decision.errorId}`) : undefined,
      });
    }

    if (error instanceof NotFoundError) return notFound(req, reply);

    if (error instanceof UnauthenticatedError) {
      if (isApi(req)) return reply.status(401).send(apiError('unauthenticated', t('error.unauthenticated')));
      const back = encodeURIComponent(req.url);
      return reply.redirect(`${req.base}/sign-in?next=${back}`, 303);
    }

    // A service's own refusal, in keys: translated here, in the reader's language.
    if (error instanceof DomainError) {
      const message = t(error.key, error.vars);
      const status = error.options.status ?? 400;
      if (isApi(req)) return reply.status(status).send(apiError(error.id, message, error.field ? { fields: [{ field: error.field, message }] } : {}));
      return page(req, reply, status, 'web/views/error.njk', { title: t('error.invalidRequest'), body: message });
    }

    if (error instanceof InvalidInputError || hasZodFastifySchemaValidationErrors(error)) {
      const fields: FieldError[] =
        error instanceof InvalidInputError
          ? error.fieldsIn(t)
          : error.validation.map((v) => ({
              field: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || 'body',
              message: t(v.message ?? 'validation.invalid', { label: v.instancePath.split('/').pop() || 'body', Label: v.instancePath.split('/').pop() || 'body' }),
            }));
      const summary = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
      if (isApi(req)) return reply.status(400).send(apiError('invalid_request', `${t('error.invalidRequest')}: ${summary}`, { fields }));
      // A page's address that cannot be right is answered with a page, never JSON: a malformed
      // id names no page, so "not found", as for an id that is well formed but unknown.
      if ((error as { validationContext?: string }).validationContext === 'params') return notFound(req, reply);
      return page(req, reply, 400, 'web/views/error.njk', {
        title: t('error.invalidRequest'),
        // What a form sent is the form's fault, not the address's.
        body: t(req.method === 'POST' ? 'error.invalidForm' : 'error.invalidAddress'),
        // Only Concord's own messages are in the reader's language; a schema's are not shown.
        details: error instanceof InvalidInputError ? fields.map((f) => f.message) : [],
      });
    }

    // Two people saving the same thing at the same moment: the database kept one.
    if ((error as { code?: string }).code === '23505') {
      if (isApi(req)) return reply.status(409).send(apiError('conflict', t('error.conflict.body')));
      return page(req, reply, 409, 'web/views/error.njk', { title: t('error.conflict.title'), body: t('error.conflict.body') });
    }

    if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
      if (isApi(req)) return reply.status(403).send(apiError('csrf', t('error.csrf.title')));
      return page(req, reply, 403, 'web/views/error.njk', { title: t('error.csrf.title'), body: t('error.csrf.body') });
    }

    if (error.statusCode === 429) {
      if (isApi(req)) return reply.status(429).send(apiError('too_many_requests', t('signIn.tooMany')));
      return page(req, reply, 429, 'web/views/error.njk', { title: t('signIn.title', { councilName: req.council ? councilNameIn(t, req.council) : '' }), body: t('signIn.tooMany') });
    }

    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      if (isApi(req)) return reply.status(error.statusCode).send(apiError('bad_request', error.message));
      return page(req, reply, error.statusCode, 'web/views/error.njk', { title: t('error.invalidRequest'), body: error.message });
    }

    // The database is away for a moment: say so, and when to try again, rather than a 500.
    if (databaseUnavailable(error)) {
      req.log.warn({ err: error }, 'database unavailable');
      reply.header('retry-after', '5');
      if (isApi(req)) return reply.status(503).send(apiError('unavailable', t('error.unavailable.title')));
      return page(req, reply, 503, 'web/views/error.njk', { title: t('error.unavailable.title'), body: t('error.unavailable.body') });
    }

    req.log.error(error);
    if (isApi(req)) return reply.status(500).send(apiError('server_error', t('error.server.title')));
    return page(req, reply, 500, 'web/views/error.njk', { title: t('error.server.title'), body: t('error.server.body') });
  });

  const notFound = (req: FastifyRequest, reply: FastifyReply) => {
    const t = typeof req.t === 'function' ? req.t : fallbackT;
    if (isApi(req)) return reply.status(404).send(apiError('not_found', t('error.notFound.title')));
    if (!req.council) {
      return page(req, reply, 404, 'web/views/error.njk', { title: t('error.noCouncil.title'), body: t('error.noCouncil.body') });
    }
    return page(req, reply, 404, 'web/views/error.njk', { title: t('error.notFound.title'), body: t('error.notFound.body') });
  };
  app.setNotFoundHandler(notFound);
}
