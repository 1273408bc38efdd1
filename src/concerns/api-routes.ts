import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { apiErrorSchema, idParams } from '../web/schemas.js';
import { caseLink, openCase } from './access.js';
import { caseView, presentCase } from './present.js';
import { disclosuresOf } from './disclosure.js';
import {
  accessLog,
  addEntry,
  caseRecord,
  closeInput,
  closeInformally,
  concernInput,
  decisionInput,
  entryInput,
  escalate,
  escalateInput,
  listMine,
  passOn,
  passOnInput,
  raiseConcern,
  recordDecision,
  recordStage,
  stageInput,
} from './service.js';

const refusals = { 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema };
const created = z.object({ id: z.string(), handlers: z.array(z.object({ id: z.string(), name: z.string() })) });
const privacy = 'Only the person who raised it, its handlers, and once formal the personnel committee’s members may read a case; anyone else is refused, naming the clause, and the attempt is in the case’s access log.';

/** The JSON API of concerns: the same services and decisions as the pages. */
export async function concernApiRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const now = () => app.concord.services.clock();

  /** The case as this reader may see it. */
  const view = async (req: FastifyRequest, id: string) => {
    const kase = await openCase(req, id);
    const handles = req.allows('concern.handle', kase.resource);
    const readsRecord = handles || (kase.resource.formal && kase.resource.committeeMemberIds.includes(req.user().personId));
    const { record, log, told } = await req.tx(async (trx) => ({ record: readsRecord ? await caseRecord(trx, id) : undefined, log: handles ? await accessLog(trx, id) : undefined, told: readsRecord ? await disclosuresOf(trx, id) : undefined }));
    return presentCase(kase, req.t, record, log, told);
  };

  app.get(
    '/api/v1/concerns',
    { config: { authorize: 'concern.raise' }, schema: { tags: ['concerns'], summary: 'The cases one raised, handles, or (once formal) sits on the personnel committee for', response: { 200: z.object({ cases: z.array(z.object({ id: z.string(), status: z.string(), procedure: z.string().nullable(), raisedAt: z.string() })) }) } } },
    async (req) => ({ cases: (await req.tx((trx) => listMine(trx, req.user()))).map((c) => ({ id: c.id, status: c.status, procedure: c.procedure, raisedAt: new Date(c.raised_at).toISOString() })) }),
  );

  app.post(
    '/api/v1/concerns',
    {
      config: { authorize: 'concern.raise' },
      schema: {
        tags: ['concerns'],
        summary: 'Raise a concern about a councillor, an officer or the working relationship',
        description: 'Routed by the council’s protocol: to the Clerk; where it concerns the Clerk, to the people the protocol names; never to the person it is about. When no one is left, 400 with `no_one_to_handle`.',
        body: concernInput,
        response: { 201: created, ...refusals },
      },
    },
    async (req, reply) => {
      const c = await req.tx(async (trx) => raiseConcern(trx, req.councilOrThrow(), req.user(), req.body, now(), await req.recipientsText(trx), caseLink(req)));
      return reply.status(201).send({ id: c.id, handlers: c.handlers.map((h) => ({ id: h.id, name: h.name })) });
    },
  );

  app.post(
    '/api/v1/concerns/pass-on',
    {
      config: { authorize: 'concern.pass_on' },
      schema: { tags: ['concerns'], summary: 'A councillor passes an officer’s approach about their own employment or budget into the procedure (I3.4)', description: 'The case is the officer’s; the officer is told by email where it went.', body: passOnInput, response: { 201: created, ...refusals } },
    },
    async (req, reply) => {
      const c = await req.tx(async (trx) => passOn(trx, req.councilOrThrow(), req.user(), req.body, now(), await req.recipientsText(trx), caseLink(req)));
      return reply.status(201).send({ id: c.id, handlers: c.handlers.map((h) => ({ id: h.id, name: h.name })) });
    },
  );

  app.get('/api/v1/concerns/:id', { schema: { tags: ['concerns'], summary: 'One case, as its reader may see it', description: privacy, params: idParams, response: { 200: caseView, ...refusals } } }, async (req) => view(req, req.params.id));

  const ok = z.object({ ok: z.literal(true) });
  app.post('/api/v1/concerns/:id/entries', { schema: { tags: ['concerns'], summary: 'Record a conversation, an agreed outcome, mediation or independent advice sought', description: 'Mediation and advice name one of the council’s external contacts. Handlers only.', params: idParams, body: entryInput, response: { 201: ok, ...refusals } } }, async (req, reply) => {
    const kase = await openCase(req, req.params.id, 'concern.handle');
    await req.tx((trx) => addEntry(trx, req.councilOrThrow(), req.user(), kase, req.body, now()));
    return reply.status(201).send({ ok: true });
  });

  app.post('/api/v1/concerns/:id/close', { schema: { tags: ['concerns'], summary: 'Close an informal case with the agreed outcome', params: idParams, body: closeInput, response: { 200: ok, ...refusals } } }, async (req) => {
    const kase = await openCase(req, req.params.id, 'concern.handle');
    await req.tx((trx) => closeInformally(trx, req.councilOrThrow(), req.user(), kase, req.body.outcome, now()));
    return { ok: true as const };
  });

  app.post('/api/v1/concerns/:id/escalate', { schema: { tags: ['concerns'], summary: 'Start the formal grievance or disciplinary procedure', description: 'The personnel committee’s members may then read the case, and are told by email with a link. The meeting falls due within the council’s time limit.', params: idParams, body: escalateInput, response: { 200: z.object({ committee: z.string() }), ...refusals } } }, async (req) => {
    const kase = await openCase(req, req.params.id, 'concern.handle');
    const committee = await req.tx(async (trx) => escalate(trx, req.councilOrThrow(), req.user(), kase, req.body.procedure, now(), await req.recipientsText(trx)));
    return { committee: committee.name };
  });

  app.post('/api/v1/concerns/:id/stages', { schema: { tags: ['concerns'], summary: 'Record the meeting (with who accompanied the employee) or the appeal', description: 'An appeal is heard by people not involved before: anyone who was is a 400 naming the field.', params: idParams, body: stageInput, response: { 200: ok, ...refusals } } }, async (req) => {
    const kase = await openCase(req, req.params.id, 'concern.handle');
    await req.tx((trx) => recordStage(trx, req.councilOrThrow(), req.user(), kase, req.body, now()));
    return { ok: true as const };
  });

  app.post(
    '/api/v1/concerns/:id/decision',
    { schema: { tags: ['concerns'], summary: 'Record the written outcome of a formal case', description: 'A decision is a resolution of the personnel committee. One person’s decision (`decidedBy: "alone"`), the Chair’s included, is refused with 403 naming the clause.', params: idParams, body: decisionInput, response: { 200: ok, ...refusals } } },
    async (req) => {
      const kase = await openCase(req, req.params.id);
      req.authorize('concern.decide', kase.resource, { byCommitteeResolution: req.body.decidedBy === 'committee' });
      await req.tx((trx) => recordDecision(trx, req.councilOrThrow(), req.user(), kase, req.body, now()));
      return { ok: true as const };
    },
  );
}
