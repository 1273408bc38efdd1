import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { submitForm } from '../../web/form.js';
import { apiErrorSchema, idParams } from '../../web/schemas.js';
import { listCurrentCouncillors } from '../councillors.js';
import { idFromPath, orNotFound } from '../../web/pages.js';
import { findGroup, groupInput, listGroups, presentGroup, saveGroup, type GroupWithMembers } from './service.js';

const groupView = z.object({
  id: z.string(),
  name: z.string(),
  leaderId: z.string().nullable(),
  members: z.array(z.string()),
});

/** What the form shows for a stored group, or a new one. */
function formValues(group: GroupWithMembers | undefined) {
  if (!group) return { members: [] };
  return { name: group.name, members: group.members, leaderId: group.leader_id };
}

/**
 * Political groups and their members. They are recorded so that every group is treated
 * alike; a group's leader has no more power over officers than any other councillor.
 */
export async function groupRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/setup/groups', async (req, reply) => {
    req.authorize('groups.manage');
    const groups = await req.tx(listGroups);
    return reply.view('setup/groups/views/list.njk', { title: req.t('groups.title'), section: 'setup', groups });
  });

  const form = async (req: FastifyRequest, reply: FastifyReply, group: GroupWithMembers | undefined, data: Record<string, unknown>) => {
    const councillors = await req.tx((trx) => listCurrentCouncillors(trx, req.today));
    return reply.view('setup/groups/views/form.njk', {
      title: group ? req.t('groups.edit', { name: group.name }) : req.t('groups.add'),
      section: 'setup',
      group,
      councillors,
      ...data,
    });
  };

  app.get('/setup/groups/new', async (req, reply) => {
    req.authorize('groups.manage');
    return form(req, reply, undefined, { values: formValues(undefined) });
  });

  app.get('/setup/groups/:id', async (req, reply) => {
    req.authorize('groups.manage');
    const id = idFromPath(req.params);
    const group = orNotFound(await req.tx((trx) => findGroup(trx, id)));
    return form(req, reply, group, { values: formValues(group) });
  });

  const save = async (req: FastifyRequest, reply: FastifyReply, id: string | undefined) => {
    req.authorize('groups.manage');
    const existing = id ? orNotFound(await req.tx((trx) => findGroup(trx, id))) : undefined;
    return submitForm(req, reply, {
      schema: groupInput,
      save: (trx, value) => saveGroup(trx, req.user(), value, req.today, existing),
      redisplay: (r, { errors, values }) => form(req, r, existing, { errors, values }),
      done: () => ({ path: '/setup/groups', flash: 'common.saved' }),
    });
  };
  app.post('/setup/groups/new', (req, reply) => save(req, reply, undefined));
  app.post('/setup/groups/:id', (req, reply) => save(req, reply, idFromPath(req.params)));

  app.get(
    '/api/v1/groups',
    { schema: { tags: ['groups'], summary: 'The council’s political groups, their leaders and members', response: { 200: z.object({ groups: z.array(groupView) }) } } },
    async (req) => {
      req.authorize('council.view');
      return { groups: (await req.tx(listGroups)).map(presentGroup) };
    },
  );

  app.post(
    '/api/v1/groups',
    {
      config: { authorize: 'groups.manage' },
      schema: {
        tags: ['groups'],
        summary: 'Add a political group (the Clerk only)',
        description: 'A councillor is in one group at most: naming a member of another group is refused with 400, naming that group.',
        body: groupInput,
        response: { 201: groupView, 400: apiErrorSchema, 403: apiErrorSchema },
      },
    },
    async (req, reply) => {
      req.authorize('groups.manage');
      const group = await req.tx((trx) => saveGroup(trx, req.user(), req.body, req.today));
      return reply.status(201).send(presentGroup(group));
    },
  );

  app.put(
    '/api/v1/groups/:id',
    {
      config: { authorize: 'groups.manage' },
      schema: {
        tags: ['groups'],
        summary: 'Replace a political group’s record and membership (the Clerk only)',
        params: idParams,
        body: groupInput,
        response: { 200: groupView, 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (req) => {
      req.authorize('groups.manage');
      const group = await req.tx(async (trx) => {
        const existing = orNotFound(await findGroup(trx, req.params.id));
        return saveGroup(trx, req.user(), req.body, req.today, existing);
      });
      return presentGroup(group);
    },
  );
}
