import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { asList, blankToUndefined } from '../../web/forms.js';
import { apiErrorSchema, idParams } from '../../web/schemas.js';
import { listCurrentCouncillors } from '../councillors.js';
import { handleFormPost, idFromPath, orNotFound } from '../../web/pages.js';
import { findGroup, groupInput, groupLabels, listGroups, presentGroup, saveGroup, type GroupWithMembers } from './service.js';

const groupView = z.object({
  id: z.string(),
  name: z.string(),
  leaderId: z.string().nullable(),
  members: z.array(z.string()),
});

/** A form post, reshaped into what the schema reads (the same schema as the API's). */
function fromForm(body: Record<string, unknown>) {
  return { name: body.name, members: asList(body.members), leaderId: blankToUndefined(body.leaderId) ?? null };
}

/** What the form shows: stored values, or what was just typed when it comes back with errors. */
function formValues(group: GroupWithMembers | undefined, body?: Record<string, unknown>) {
  if (body) return fromForm(body);
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
    const body = (req.body ?? {}) as Record<string, unknown>;
    return handleFormPost(req, reply, {
      schema: groupInput,
      input: fromForm(body),
      labels: groupLabels,
      save: (trx, value) => saveGroup(trx, req.user(), value, req.t, req.today, existing),
      redisplay: (r, errors) => form(req, r, existing, { errors, values: formValues(existing, body) }),
      done: '/setup/groups',
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
      const group = await req.tx((trx) => saveGroup(trx, req.user(), req.body, req.t, req.today));
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
        return saveGroup(trx, req.user(), req.body, req.t, req.today, existing);
      });
      return presentGroup(group);
    },
  );
}
