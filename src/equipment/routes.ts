import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { submitForm } from '../web/form.js';
import { NotFoundError } from '../web/errors.js';
import { apiErrorSchema, idParams } from '../web/schemas.js';
import { clausesCarrying } from '../policy/decide.js';
import { acknowledge, addItem, findLoan, heldByLeavers, holdings, issueInput, issueItem, itemInput, register, returnInput, returnItem } from './service.js';

const holdingView = z.object({ loanId: z.string(), name: z.string(), assetNumber: z.string(), issuedOn: z.string(), acknowledgedAt: z.string().nullable() });
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The equipment register (R14): what each person holds, issue and return, and what leavers still hold. */
export async function equipmentRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const now = () => app.concord.services.clock();

  const page = async (req: FastifyRequest, reply: FastifyReply, data: Record<string, unknown> = {}) => {
    const me = req.user();
    const manage = req.allows('equipment.manage');
    const [mine, items, leavers, people] = await req.tx(async (trx) => [
      await holdings(trx, me.personId),
      manage ? await register(trx) : [],
      manage ? await heldByLeavers(trx, req.today) : [],
      manage ? await trx.selectFrom('people').select(['id', 'name', 'role', 'term_ends']).where('active', '=', true).orderBy('name').execute() : [],
    ] as const);
    // Every clause carrying the rule: a protocol may have one for councillors and one for officers (Ilminster 2.8 and 3.5).
    const clauses = req.clauses ? clausesCarrying(req.clauses, 'equipment-for-council-use') : [];
    return reply.view('equipment/views/equipment.njk', {
      title: req.t('equipment.title'),
      section: 'equipment',
      mine,
      clauses,
      manage,
      items,
      leavers,
      people: people.filter((p) => p.role !== 'councillor' || !p.term_ends || p.term_ends >= req.today),
      values: {},
      ...data,
    });
  };

  app.get('/equipment', async (req, reply) => {
    req.authorize('equipment.view');
    return page(req, reply);
  });
  app.post('/equipment/items', { config: { authorize: 'equipment.manage' } }, async (req, reply) =>
    submitForm(req, reply, {
      schema: itemInput,
      save: (trx, value) => addItem(trx, req.user(), value),
      redisplay: (r, form) => page(req, r, { itemErrors: form.errors, itemValues: form.values }),
      done: (r) => ({ path: '/equipment', flash: `equipment.added|${JSON.stringify({ name: r.name })}` }),
    }),
  );
  app.post('/equipment/issue', { config: { authorize: 'equipment.manage' } }, async (req, reply) =>
    submitForm(req, reply, {
      schema: issueInput,
      save: (trx, value) => issueItem(trx, req.councilOrThrow(), req.user(), value, req.today),
      redisplay: (r, form) => page(req, r, { errors: form.errors, values: form.values }),
      done: (r) => ({ path: '/equipment', flash: `equipment.issued|${JSON.stringify({ name: r.name })}` }),
    }),
  );
  app.post('/equipment/loans/:id/return', { config: { authorize: 'equipment.manage' } }, async (req, reply) => {
    const id = (req.params as { id: string }).id;
    if (!z.uuid().safeParse(id).success) throw new NotFoundError();
    return submitForm(req, reply, {
      schema: returnInput,
      save: (trx, value) => returnItem(trx, req.user(), id, value.condition, req.today),
      redisplay: (r) => r.to('/equipment'),
      done: () => ({ path: '/equipment', flash: 'equipment.returned' }),
    });
  });
  const loanFor = async (req: FastifyRequest, id: string) => {
    if (!z.uuid().safeParse(id).success) throw new NotFoundError();
    const loan = await req.tx((trx) => findLoan(trx, id));
    if (!loan || loan.returned_on) throw new NotFoundError();
    req.authorize('equipment.acknowledge', { kind: 'person', id: loan.person_id, role: 'councillor' });
    return loan;
  };
  app.post('/equipment/loans/:id/acknowledge', async (req, reply) => {
    const loan = await loanFor(req, (req.params as { id: string }).id);
    await req.tx((trx) => acknowledge(trx, req.user(), loan.id, now()));
    return reply.to('/equipment', 'equipment.acknowledged');
  });

  app.get('/api/v1/equipment', { schema: { tags: ['equipment'], summary: 'The council equipment you hold', response: { 200: z.object({ holdings: z.array(holdingView) }), 403: apiErrorSchema } } }, async (req) => {
    req.authorize('equipment.view');
    const rows = await req.tx((trx) => holdings(trx, req.user().personId));
    return { holdings: rows.map((h) => ({ loanId: h.id, name: h.name, assetNumber: h.asset_number, issuedOn: h.issued_on, acknowledgedAt: iso(h.acknowledged_at) })) };
  });
  app.get(
    '/api/v1/equipment/leavers',
    { config: { authorize: 'equipment.manage' }, schema: { tags: ['equipment'], summary: 'Equipment still held by councillors whose term has ended and officers who have left', response: { 200: z.object({ held: z.array(z.object({ loanId: z.string(), name: z.string(), assetNumber: z.string(), holder: z.string() })) }), 403: apiErrorSchema } } },
    async (req) => ({ held: (await req.tx((trx) => heldByLeavers(trx, req.today))).map((h) => ({ loanId: h.id, name: h.name, assetNumber: h.asset_number, holder: h.holder })) }),
  );
  app.post(
    '/api/v1/equipment/items',
    { config: { authorize: 'equipment.manage' }, schema: { tags: ['equipment'], summary: 'Add an item to the equipment register', body: itemInput, response: { 201: z.object({ id: z.string() }), 400: apiErrorSchema, 403: apiErrorSchema } } },
    async (req, reply) => reply.status(201).send({ id: (await req.tx((trx) => addItem(trx, req.user(), req.body))).id }),
  );
  app.post(
    '/api/v1/equipment/loans',
    { config: { authorize: 'equipment.manage' }, schema: { tags: ['equipment'], summary: 'Issue an item to a person', body: issueInput, response: { 201: z.object({ id: z.string() }), 400: apiErrorSchema, 403: apiErrorSchema } } },
    async (req, reply) => reply.status(201).send({ id: (await req.tx((trx) => issueItem(trx, req.councilOrThrow(), req.user(), req.body, req.today))).id }),
  );
  app.post(
    '/api/v1/equipment/loans/:id/return',
    { config: { authorize: 'equipment.manage' }, schema: { tags: ['equipment'], summary: 'Record an item’s return', params: idParams, body: returnInput, response: { 204: z.null(), 403: apiErrorSchema, 404: apiErrorSchema } } },
    async (req, reply) => {
      await req.tx((trx) => returnItem(trx, req.user(), req.params.id, req.body.condition, req.today));
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/v1/equipment/loans/:id/acknowledgement',
    { schema: { tags: ['equipment'], summary: 'Acknowledge that an item issued to you is for your council role only', description: 'The holder alone; anyone else is refused naming the clause.', params: idParams, response: { 204: z.null(), 403: apiErrorSchema, 404: apiErrorSchema } } },
    async (req, reply) => {
      const loan = await loanFor(req, req.params.id);
      await req.tx((trx) => acknowledge(trx, req.user(), loan.id, now()));
      return reply.status(204).send(null);
    },
  );
}
