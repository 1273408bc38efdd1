import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { submitForm } from '../../web/form.js';
import { apiErrorSchema, idParams } from '../../web/schemas.js';
import { listCurrentCouncillors } from '../councillors.js';
import { idFromPath, orNotFound } from '../../web/pages.js';
import { committeeInput, findCommittee, listCommittees, presentCommittee, saveCommittee, type CommitteeWithMembers } from './service.js';

const committeeView = z.object({
  id: z.string(),
  name: z.string(),
  termsOfReference: z.string(),
  delegatedPowers: z.string(),
  holdsPersonnel: z.boolean(),
  holdsFinance: z.boolean(),
  chairId: z.string().nullable(),
  viceChairId: z.string().nullable(),
  members: z.array(z.string()),
});

/** What the form shows for a stored committee, or a new one. */
function formValues(committee: CommitteeWithMembers | undefined) {
  if (!committee) return { members: [], holdsPersonnel: false, holdsFinance: false };
  return {
    name: committee.name,
    termsOfReference: committee.terms_of_reference,
    delegatedPowers: committee.delegated_powers,
    holdsPersonnel: committee.holds_personnel,
    holdsFinance: committee.holds_finance,
    members: committee.members,
    chairId: committee.chair_id,
    viceChairId: committee.vice_chair_id,
  };
}

/**
 * Committees, with their terms of reference, delegated powers and members. The one that
 * holds personnel matters decides formal grievances and discipline, never its chair alone.
 */
export async function committeeRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/setup/committees', async (req, reply) => {
    req.authorize('committees.manage');
    const committees = await req.tx(listCommittees);
    return reply.view('setup/committees/views/list.njk', { title: req.t('committees.title'), section: 'setup', committees });
  });

  const form = async (req: FastifyRequest, reply: FastifyReply, committee: CommitteeWithMembers | undefined, data: Record<string, unknown>) => {
    // Only today's councillors can be chosen: a former councillor's place has ended with their term.
    const councillors = await req.tx((trx) => listCurrentCouncillors(trx, req.today));
    return reply.view('setup/committees/views/form.njk', {
      title: committee ? req.t('committees.edit', { name: committee.name }) : req.t('committees.add'),
      section: 'setup',
      committee,
      councillors,
      ...data,
    });
  };

  app.get('/setup/committees/new', async (req, reply) => {
    req.authorize('committees.manage');
    return form(req, reply, undefined, { values: formValues(undefined) });
  });

  app.get('/setup/committees/:id', async (req, reply) => {
    req.authorize('committees.manage');
    const id = idFromPath(req.params);
    const committee = orNotFound(await req.tx((trx) => findCommittee(trx, id)));
    return form(req, reply, committee, { values: formValues(committee) });
  });

  const save = async (req: FastifyRequest, reply: FastifyReply, id: string | undefined) => {
    req.authorize('committees.manage');
    const existing = id ? orNotFound(await req.tx((trx) => findCommittee(trx, id))) : undefined;
    return submitForm(req, reply, {
      schema: committeeInput,
      save: (trx, value) => saveCommittee(trx, req.user(), value, req.today, existing),
      redisplay: (r, { errors, values }) => form(req, r, existing, { errors, values }),
      done: () => ({ path: '/setup/committees', flash: 'common.saved' }),
      // The council's settings name its personnel committee, and may have changed with it.
      afterSave: () => req.server.concord.councils.invalidate(),
    });
  };
  app.post('/setup/committees/new', (req, reply) => save(req, reply, undefined));
  app.post('/setup/committees/:id', (req, reply) => save(req, reply, idFromPath(req.params)));

  app.get(
    '/api/v1/committees',
    { schema: { tags: ['committees'], summary: 'The council’s committees, their chairs and members', response: { 200: z.object({ committees: z.array(committeeView) }) } } },
    async (req) => {
      req.authorize('council.view');
      return { committees: (await req.tx(listCommittees)).map(presentCommittee) };
    },
  );

  app.post(
    '/api/v1/committees',
    {
      config: { authorize: 'committees.manage' },
      schema: {
        tags: ['committees'],
        summary: 'Add a committee (the Clerk only)',
        body: committeeInput,
        response: { 201: committeeView, 400: apiErrorSchema, 403: apiErrorSchema },
      },
    },
    async (req, reply) => {
      req.authorize('committees.manage');
      const committee = await req.tx((trx) => saveCommittee(trx, req.user(), req.body, req.today));
      req.server.concord.councils.invalidate();
      return reply.status(201).send(presentCommittee(committee));
    },
  );

  app.put(
    '/api/v1/committees/:id',
    {
      config: { authorize: 'committees.manage' },
      schema: {
        tags: ['committees'],
        summary: 'Replace a committee’s record and membership (the Clerk only)',
        params: idParams,
        body: committeeInput,
        response: { 200: committeeView, 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (req) => {
      req.authorize('committees.manage');
      const committee = await req.tx(async (trx) => {
        const existing = orNotFound(await findCommittee(trx, req.params.id));
        return saveCommittee(trx, req.user(), req.body, req.today, existing);
      });
      req.server.concord.councils.invalidate();
      return presentCommittee(committee);
    },
  );
}
