import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ProtocolClause, ProtocolVersion } from '../db/schema.js';
import type { FormErrors } from '../web/forms.js';
import { submitForm } from '../web/form.js';
import { apiErrorSchema, idParams } from '../web/schemas.js';
import { enqueueJob } from '../jobs/queue.js';
import { RULE_IDS } from './types.js';
import { splitClauses, suggestRules } from './import.js';
import {
  CLAUSE_KINDS,
  acknowledge,
  acknowledgementsOf,
  addDraftClause,
  approvalInput,
  approveDraft,
  approvingResolutions,
  clauseInput,
  clausesOf,
  discardDraft,
  draftClause,
  draftOrThrow,
  draftVersion,
  recordReview,
  remindToAcknowledge,
  removeDraftClause,
  replaceDraftClauses,
  reviewInput,
  saveDraftClause,
  startDraft,
  versionInForce,
} from './versions.js';

const draftClauseView = z.object({ id: z.string(), number: z.string(), heading: z.string(), text: z.string(), summary: z.string(), kind: z.enum(CLAUSE_KINDS), rules: z.array(z.string()) });
const draftView = z.object({ id: z.string(), version: z.string(), title: z.string(), basedOn: z.string().nullable().describe('The version it was drafted from'), clauses: z.array(draftClauseView) });
const versionView = z.object({ id: z.string(), version: z.string(), approvedOn: z.string().nullable(), inForceFrom: z.string().nullable(), reviewDueOn: z.string().nullable(), reviewedOn: z.string().nullable() });
const acknowledgementView = z.object({ version: z.string(), versionId: z.string(), acknowledgedAt: z.string() });
const acknowledgementsView = z.object({
  version: z.string(),
  versionId: z.string(),
  people: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(['clerk', 'officer', 'councillor']), acknowledgedAt: z.string().nullable() })),
});

const clauseOut = (c: ProtocolClause) => ({ id: c.id, number: c.number, heading: c.heading, text: c.body, summary: c.summary, kind: c.kind, rules: c.rules });
const versionOut = (v: ProtocolVersion) => ({ id: v.id, version: v.version, approvedOn: v.approved_on, inForceFrom: v.in_force_from, reviewDueOn: v.review_due_on, reviewedOn: v.reviewed_on });

/**
 * The protocol's own life: the Clerk drafts a version, the council's resolution approves it,
 * it comes into force on the day chosen, and everyone acknowledges it. The Clerk reviews it by
 * the date set, and sees who has not acknowledged it.
 */
export async function protocolVersionRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const now = () => app.concord.services.clock();
  const dropIndex = (req: FastifyRequest) => () => app.concord.clauseIndexes.invalidate(req.councilOrThrow().id);

  const loadDraft = async (req: FastifyRequest) =>
    req.tx(async (trx) => {
      const draft = await draftVersion(trx);
      if (!draft) return { draft, clauses: [], basedOn: undefined };
      const basedOn = draft.based_on ? await trx.selectFrom('protocol_versions').select('version').where('id', '=', draft.based_on).executeTakeFirst() : undefined;
      return { draft, clauses: await clausesOf(trx, draft.id), basedOn: basedOn?.version };
    });

  app.get('/protocol/draft', async (req, reply) => {
    req.authorize('protocol.draft');
    const { draft, clauses, basedOn } = await loadDraft(req);
    return reply.view('protocol/views/draft.njk', { title: req.t('protocol.draft.title'), section: 'protocol', draft, clauses, basedOn });
  });

  app.post('/protocol/draft', { config: { authorize: 'protocol.draft' } }, async (req, reply) =>
    submitForm(req, reply, {
      schema: z.object({}),
      save: (trx) => startDraft(trx, req.councilOrThrow().id, req.user(), req.today),
      redisplay: async (r, { errors }) => {
        const { draft, clauses, basedOn } = await loadDraft(req);
        return r.view('protocol/views/draft.njk', { title: req.t('protocol.draft.title'), section: 'protocol', draft, clauses, basedOn, errors });
      },
      done: (draft) => ({ path: '/protocol/draft', flash: `protocol.draft.started|${JSON.stringify({ version: draft.version })}` }),
    }),
  );

  app.post('/protocol/draft/discard', { config: { authorize: 'protocol.draft' } }, async (req, reply) =>
    submitForm(req, reply, {
      schema: z.object({}),
      save: (trx) => discardDraft(trx, req.councilOrThrow().id, req.user()),
      redisplay: (r) => r.to('/protocol/draft'),
      done: () => ({ path: '/protocol', flash: 'protocol.draft.discarded' }),
    }),
  );

  const clauseForm = (req: FastifyRequest, reply: FastifyReply, data: { clause?: ProtocolClause; values?: Record<string, unknown>; errors?: FormErrors }) => {
    const c = data.clause;
    const values = data.values ?? (c ? { number: c.number, heading: c.heading, text: c.body, summary: c.summary, kind: c.kind, rules: c.rules } : { rules: [] });
    return reply.view('protocol/views/clause-form.njk', {
      title: c ? req.t('protocol.draft.editClause', { number: c.number }) : req.t('protocol.draft.addClause'),
      section: 'protocol',
      clause: c,
      values: { ...values, rules: ([] as string[]).concat((values.rules as string[] | string | undefined) ?? []) },
      kinds: CLAUSE_KINDS,
      ruleIds: RULE_IDS,
      errors: data.errors,
    });
  };

  app.get('/protocol/draft/clauses/new', async (req, reply) => {
    req.authorize('protocol.draft');
    await req.tx(draftOrThrow);
    return clauseForm(req, reply, {});
  });

  app.post('/protocol/draft/clauses', { config: { authorize: 'protocol.draft' } }, async (req, reply) =>
    submitForm(req, reply, {
      schema: clauseInput,
      save: (trx, value) => addDraftClause(trx, req.councilOrThrow().id, req.user(), value),
      redisplay: (r, { errors, values }) => clauseForm(req, r, { values, errors }),
      done: (clause) => ({ path: `/protocol/draft#clause-${clause.id}`, flash: `protocol.draft.clauseAdded|${JSON.stringify({ number: clause.number })}` }),
    }),
  );

  app.get('/protocol/draft/clauses/:id', { schema: { params: idParams } }, async (req, reply) => {
    req.authorize('protocol.draft');
    const clause = await req.tx((trx) => draftClause(trx, req.params.id));
    return clauseForm(req, reply, { clause });
  });

  app.post('/protocol/draft/clauses/:id', { config: { authorize: 'protocol.draft' }, schema: { params: idParams } }, async (req, reply) => {
    const clause = await req.tx((trx) => draftClause(trx, req.params.id));
    return submitForm(req, reply, {
      schema: clauseInput,
      save: (trx, value) => saveDraftClause(trx, req.councilOrThrow().id, req.user(), clause.id, value),
      redisplay: (r, { errors, values }) => clauseForm(req, r, { clause, values, errors }),
      done: (saved) => ({ path: '/protocol/draft', flash: `protocol.draft.clauseSaved|${JSON.stringify({ number: saved.number })}` }),
    });
  });

  app.post('/protocol/draft/clauses/:id/remove', { config: { authorize: 'protocol.draft' }, schema: { params: idParams } }, async (req, reply) => {
    const clause = await req.tx((trx) => draftClause(trx, req.params.id));
    return submitForm(req, reply, {
      schema: z.object({}),
      save: (trx) => removeDraftClause(trx, req.councilOrThrow().id, req.user(), clause.id),
      redisplay: (r) => r.to('/protocol/draft'),
      done: () => ({ path: '/protocol/draft', flash: `protocol.draft.clauseRemoved|${JSON.stringify({ number: clause.number })}` }),
    });
  });

  const approvalForm = async (req: FastifyRequest, reply: FastifyReply, data: { values?: Record<string, unknown>; errors?: FormErrors } = {}) => {
    const { draft, resolutions } = await req.tx(async (trx) => ({ draft: await draftOrThrow(trx), resolutions: await approvingResolutions(trx, req.today) }));
    return reply.view('protocol/views/approve.njk', { title: req.t('protocol.approve.title', { version: draft.version }), section: 'protocol', draft, resolutions, values: data.values ?? {}, errors: data.errors });
  };

  app.get('/protocol/draft/approve', async (req, reply) => {
    req.authorize('protocol.draft');
    return approvalForm(req, reply);
  });

  app.post('/protocol/draft/approve', { config: { authorize: 'protocol.draft' } }, async (req, reply) =>
    submitForm(req, reply, {
      schema: approvalInput,
      save: (trx, value) => approveDraft(trx, req.councilOrThrow(), req.user(), value, req.t('protocol.fullCouncil'), req.today),
      redisplay: (r, { errors, values }) => approvalForm(req, r, { values, errors }),
      afterSave: dropIndex(req),
      done: (v) => ({ path: '/protocol', flash: `protocol.approve.done|${JSON.stringify({ version: v.version, date: { date: v.in_force_from } })}` }),
    }),
  );

  const reviewForm = async (req: FastifyRequest, reply: FastifyReply, data: { values?: Record<string, unknown>; errors?: FormErrors } = {}) => {
    const current = await req.tx((trx) => versionInForce(trx, req.today));
    return reply.view('protocol/views/review.njk', { title: req.t('protocol.review.title'), section: 'protocol', current, values: data.values ?? {}, errors: data.errors });
  };
  app.get('/protocol/review', async (req, reply) => {
    req.authorize('protocol.draft');
    return reviewForm(req, reply);
  });
  app.post('/protocol/review', { config: { authorize: 'protocol.draft' } }, async (req, reply) =>
    submitForm(req, reply, {
      schema: reviewInput,
      save: (trx, value) => recordReview(trx, req.councilOrThrow().id, req.user(), value, req.today),
      redisplay: (r, { errors, values }) => reviewForm(req, r, { values, errors }),
      done: (v) => ({ path: '/protocol', flash: `protocol.review.done|${JSON.stringify({ date: { date: v.review_due_on } })}` }),
    }),
  );

  app.post('/protocol/acknowledge', { config: { authorize: 'protocol.acknowledge' } }, async (req, reply) =>
    submitForm(req, reply, {
      schema: z.object({ versionId: z.uuid('validation.invalid') }),
      save: (trx, value) => acknowledge(trx, req.councilOrThrow().id, req.user(), value.versionId, req.today, now()),
      redisplay: (r) => r.to('/protocol'),
      done: (a) => ({ path: '/protocol', flash: `protocol.acknowledge.done|${JSON.stringify({ version: a.version.version })}` }),
    }),
  );

  const acknowledgementList = (req: FastifyRequest) =>
    req.tx(async (trx) => {
      const version = await versionInForce(trx, req.today);
      return { version, people: version ? await acknowledgementsOf(trx, version.id, req.today) : [] };
    });

  app.get('/protocol/acknowledgements', async (req, reply) => {
    req.authorize('protocol.acknowledgements');
    const { version, people } = await acknowledgementList(req);
    return reply.view('protocol/views/acknowledgements.njk', {
      title: req.t('protocol.acknowledgements.title'),
      section: 'protocol',
      version,
      pending: people.filter((p) => !p.acknowledgedAt),
      done: people.filter((p) => p.acknowledgedAt),
    });
  });

  app.post('/protocol/acknowledgements/remind', { config: { authorize: 'protocol.acknowledgements' } }, async (req, reply) =>
    submitForm(req, reply, {
      schema: z.object({}),
      save: async (trx) => {
        const version = await versionInForce(trx, req.today);
        if (version) await enqueueJob(trx, remindToAcknowledge, { councilId: req.councilOrThrow().id, payload: { versionId: version.id } });
      },
      redisplay: (r) => r.to('/protocol/acknowledgements'),
      done: () => ({ path: '/protocol/acknowledgements', flash: 'protocol.acknowledgements.reminded' }),
    }),
  );

  // The JSON API: the same steps, the same rules.
  const errors = { 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema, 422: apiErrorSchema };
  const draftOut = async (req: FastifyRequest) => {
    const { draft, clauses, basedOn } = await loadDraft(req);
    if (!draft) return undefined;
    return { id: draft.id, version: draft.version, title: draft.title, basedOn: basedOn ?? null, clauses: clauses.map(clauseOut) };
  };

  app.get('/api/v1/protocol/draft', { config: { authorize: 'protocol.draft' }, schema: { tags: ['protocol'], summary: 'The draft version waiting for approval', description: 'For the Clerk.', response: { 200: draftView, ...errors } } }, async (req, reply) => {
    const draft = await draftOut(req);
    if (!draft) return reply.status(404).send({ error: { id: 'no_draft', message: req.t('protocol.draft.none') } });
    return draft;
  });

  app.post('/api/v1/protocol/draft', { config: { authorize: 'protocol.draft' }, schema: { tags: ['protocol'], summary: 'Start a draft version, a copy of the version in force', description: 'For the Clerk; one draft at a time (409 when one is waiting).', response: { 201: draftView, ...errors } } }, async (req, reply) => {
    await req.tx((trx) => startDraft(trx, req.councilOrThrow().id, req.user(), req.today));
    return reply.status(201).send((await draftOut(req))!);
  });

  app.delete('/api/v1/protocol/draft', { config: { authorize: 'protocol.draft' }, schema: { tags: ['protocol'], summary: 'Discard the draft version', response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await req.tx((trx) => discardDraft(trx, req.councilOrThrow().id, req.user()));
    return reply.status(204).send(null);
  });

  app.post('/api/v1/protocol/draft/clauses', { config: { authorize: 'protocol.draft' }, schema: { tags: ['protocol'], summary: 'Add a clause at the end of the draft', body: clauseInput, response: { 201: draftClauseView, ...errors } } }, async (req, reply) => {
    const clause = await req.tx((trx) => addDraftClause(trx, req.councilOrThrow().id, req.user(), req.body));
    return reply.status(201).send(clauseOut(clause));
  });

  app.put('/api/v1/protocol/draft/clauses/:id', { config: { authorize: 'protocol.draft' }, schema: { tags: ['protocol'], summary: 'Change a clause of the draft: its number, heading, text, kind and rules', params: idParams, body: clauseInput, response: { 200: draftClauseView, ...errors } } }, async (req) => {
    const clause = await req.tx((trx) => saveDraftClause(trx, req.councilOrThrow().id, req.user(), req.params.id, req.body));
    return clauseOut(clause);
  });

  app.delete('/api/v1/protocol/draft/clauses/:id', { config: { authorize: 'protocol.draft' }, schema: { tags: ['protocol'], summary: 'Remove a clause from the draft', params: idParams, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await req.tx((trx) => removeDraftClause(trx, req.councilOrThrow().id, req.user(), req.params.id));
    return reply.status(204).send(null);
  });

  app.post(
    '/api/v1/protocol/draft/approval',
    {
      config: { authorize: 'protocol.draft' },
      schema: {
        tags: ['protocol'],
        summary: 'Record the resolution of the full council approving the draft',
        description: 'The draft takes effect only through a resolution of the full council at a meeting already held; it is in force from that meeting’s day, or the later day given.',
        body: approvalInput,
        response: { 200: versionView, ...errors },
      },
    },
    async (req) => {
      const approved = await req.tx((trx) => approveDraft(trx, req.councilOrThrow(), req.user(), req.body, req.t('protocol.fullCouncil'), req.today));
      dropIndex(req)();
      return versionOut(approved);
    },
  );

  app.post('/api/v1/protocol/review', { config: { authorize: 'protocol.draft' }, schema: { tags: ['protocol'], summary: 'Record a review that keeps the version in force, and the next review date', body: reviewInput, response: { 200: versionView, ...errors } } }, async (req) => {
    const version = await req.tx((trx) => recordReview(trx, req.councilOrThrow().id, req.user(), req.body, req.today));
    return versionOut(version);
  });

  app.post(
    '/api/v1/protocol/acknowledgements',
    { config: { authorize: 'protocol.acknowledge' }, schema: { tags: ['protocol'], summary: 'Acknowledge the version of the protocol in force', body: z.object({ versionId: z.uuid() }), response: { 200: acknowledgementView, ...errors } } },
    async (req) => {
      const done = await req.tx((trx) => acknowledge(trx, req.councilOrThrow().id, req.user(), req.body.versionId, req.today, now()));
      return { version: done.version.version, versionId: done.version.id, acknowledgedAt: done.acknowledgedAt.toISOString() };
    },
  );

  app.get('/api/v1/protocol/acknowledgements', { config: { authorize: 'protocol.acknowledgements' }, schema: { tags: ['protocol'], summary: 'Who has and has not acknowledged the version in force', response: { 200: acknowledgementsView, ...errors } } }, async (req, reply) => {
    const { version, people } = await acknowledgementList(req);
    if (!version) return reply.status(404).send({ error: { id: 'no_protocol', message: req.t('protocol.none') } });
    return { version: version.version, versionId: version.id, people: people.map((p) => ({ id: p.id, name: p.name, role: p.role, acknowledgedAt: p.acknowledgedAt ? new Date(p.acknowledgedAt).toISOString() : null })) };
  });

  app.post(
    '/api/v1/protocol/import',
    {
      config: { authorize: 'protocol.draft' },
      schema: {
        tags: ['protocol'],
        summary: 'Split a protocol’s plain text into clauses and suggest each one’s kind and rules',
        description: 'Nothing is stored: the Clerk confirms or changes each clause, then puts them in the draft with PUT /api/v1/protocol/draft/clauses.',
        body: z.object({ text: z.string().min(1).max(500_000) }),
        response: { 200: z.object({ clauses: z.array(draftClauseView.omit({ id: true, summary: true }).extend({ likeness: z.number(), like: z.string().nullable().describe('The template clause it resembles most') })) }), ...errors },
      },
    },
    async (req) => ({ clauses: suggestRules(splitClauses(req.body.text)) }),
  );

  app.put(
    '/api/v1/protocol/draft/clauses',
    { config: { authorize: 'protocol.draft' }, schema: { tags: ['protocol'], summary: 'Replace every clause of the draft (an imported protocol, confirmed)', body: z.object({ clauses: z.array(clauseInput).min(1).max(500) }), response: { 200: draftView, ...errors } } },
    async (req) => {
      await req.tx((trx) => replaceDraftClauses(trx, req.councilOrThrow().id, req.user(), req.body.clauses));
      return (await draftOut(req))!;
    },
  );
}
