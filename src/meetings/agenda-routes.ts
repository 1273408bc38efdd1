import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { NotFoundError } from '../web/errors.js';
import { renameFields, submitForm } from '../web/form.js';
import { apiErrorSchema, idParams } from '../web/schemas.js';
import { addComment, addItem, bodyChairs, commentInput, findMeeting, itemInput, itemMatterInput, loadCounting, moveInput, moveItem, removeItem, setItemMatter } from './service.js';
import { apiItem, presentMeeting } from './present.js';
import { loadAgenda, meetingPage } from './meeting-page.js';
import { may, mayReadDraft, readerFor } from './visibility.js';
import { itemView, meetingView } from './api-views.js';

/** A meeting and its agenda: the page, the items the officers add, the chair's comments on a draft. */
export async function agendaRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/meetings/:id', { schema: { params: idParams } }, async (req, reply) => meetingPage(req, reply, req.params.id));

  app.post('/meetings/:id/items', { schema: { params: idParams }, config: { authorize: 'meetings.manage' } }, async (req, reply) => {
    const council = req.councilOrThrow();
    return submitForm(req, reply, {
      schema: itemInput,
      save: async (trx, input) => addItem(trx, req.user(), await findMeeting(trx, req.params.id), input, req.today, await loadCounting(trx, council)),
      redisplay: (reply, { errors, values }) => meetingPage(req, reply, req.params.id, { errors, itemValues: values, part: 'items' }),
      done: () => ({ path: `/meetings/${req.params.id}?part=items`, flash: 'meetings.itemAdded' }),
    });
  });

  const itemParams = z.object({ id: z.uuid(), itemId: z.uuid() });

  app.post('/meetings/:id/items/:itemId/matter', { schema: { params: itemParams }, config: { authorize: 'meetings.manage' } }, async (req, reply) => {
    const { id, itemId } = req.params;
    return submitForm(req, reply, {
      schema: itemMatterInput,
      save: async (trx, input) => setItemMatter(trx, req.user(), await findMeeting(trx, id), itemId, input.matterId, req.today),
      // One form per item on the page: the error belongs to this item's field.
      redisplay: (reply, { errors }) => meetingPage(req, reply, id, { errors: renameFields(errors, () => `matterId-${itemId}`), part: 'items' }),
      done: () => ({ path: `/meetings/${id}?part=items`, flash: 'meetings.item.matterSaved' }),
    });
  });

  app.post('/meetings/:id/items/:itemId/move', { schema: { params: itemParams }, config: { authorize: 'meetings.manage' } }, async (req, reply) => {
    const { id, itemId } = req.params;
    return submitForm(req, reply, {
      schema: moveInput,
      save: async (trx, input) => moveItem(trx, req.user(), await findMeeting(trx, id), itemId, input.direction, req.today),
      redisplay: (reply, { errors }) => meetingPage(req, reply, id, { errors: renameFields(errors, () => 'agenda'), part: 'items' }),
      done: () => ({ path: `/meetings/${id}?part=items#item-${itemId}`, flash: 'meetings.item.moved' }),
    });
  });

  app.post('/meetings/:id/items/:itemId/remove', { schema: { params: itemParams }, config: { authorize: 'meetings.manage' } }, async (req, reply) => {
    const { id, itemId } = req.params;
    return submitForm(req, reply, {
      schema: z.object({}),
      save: async (trx) => removeItem(trx, req.user(), await findMeeting(trx, id), itemId, req.today),
      redisplay: (reply, { errors }) => meetingPage(req, reply, id, { errors, part: 'items' }),
      done: () => ({ path: `/meetings/${id}?part=items`, flash: 'meetings.item.removed' }),
    });
  });

  app.post(
    '/api/v1/meetings/:id/items/:itemId/move',
    {
      config: { authorize: 'meetings.manage' },
      schema: {
        tags: ['meetings'],
        summary: 'Move an agenda item one place up or down, until the summons is issued',
        description: 'Refused with 400 on agenda once the summons is issued (the business is as the summons states it, Local Government Act 1972 Sch. 12) or the meeting has taken place.',
        params: itemParams,
        body: moveInput,
        response: { 200: z.object({ items: z.array(itemView) }), 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (req) =>
      req.tx(async (trx) => {
        const meeting = await findMeeting(trx, req.params.id);
        await moveItem(trx, req.user(), meeting, req.params.itemId, req.body.direction, req.today);
        const { agenda } = await loadAgenda(trx, req, meeting, { papers: false });
        return { items: agenda.items.map((i) => apiItem(i, true)) };
      }),
  );

  app.delete(
    '/api/v1/meetings/:id/items/:itemId',
    {
      config: { authorize: 'meetings.manage' },
      schema: {
        tags: ['meetings'],
        summary: 'Take an item off the agenda, until the summons is issued',
        description: 'An item from an agenda request sends the request back to be decided. Refused with 400 on agenda once the summons is issued or the meeting has taken place.',
        params: itemParams,
        response: { 200: z.object({ items: z.array(itemView) }), 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (req) =>
      req.tx(async (trx) => {
        const meeting = await findMeeting(trx, req.params.id);
        await removeItem(trx, req.user(), meeting, req.params.itemId, req.today);
        const { agenda } = await loadAgenda(trx, req, meeting, { papers: false });
        return { items: agenda.items.map((i) => apiItem(i, true)) };
      }),
  );

  app.post('/meetings/:id/comments', { schema: { params: idParams } }, async (req, reply) => {
    req.authorize('meetings.view');
    const draftReadable = await req.tx(async (trx) => mayReadDraft(await readerFor(trx, req), await bodyChairs(trx, await findMeeting(trx, req.params.id))));
    // The draft agenda is shared with the body's chair (Ledbury 2.4): to anyone else this is not here.
    if (!draftReadable) throw new NotFoundError();
    return submitForm(req, reply, {
      schema: commentInput,
      save: async (trx, input) => addComment(trx, req.user(), await findMeeting(trx, req.params.id), input.body),
      redisplay: (reply, { errors }) => meetingPage(req, reply, req.params.id, { errors }),
      done: () => ({ path: `/meetings/${req.params.id}`, flash: 'meetings.commented' }),
    });
  });

  app.get(
    '/api/v1/meetings/:id',
    {
      schema: {
        tags: ['meetings'],
        summary: 'A meeting, with its agenda once issued (or as a draft, to those who prepare it and the body’s chair)',
        description: 'What an item taken in private says is null except for the body’s members and the officers, as on the meeting page.',
        params: idParams,
        response: { 200: meetingView.extend({ items: z.array(itemView) }) },
      },
    },
    async (req) => {
      req.authorize('meetings.view');
      const council = req.councilOrThrow();
      return req.tx(async (trx) => {
        const meeting = await findMeeting(trx, req.params.id);
        const { reader, agenda } = await loadAgenda(trx, req, meeting, { papers: false });
        return { ...presentMeeting(meeting, await loadCounting(trx, council), req.t), items: agenda.items.map((i) => apiItem(i, may(reader, 'meetings.manage'))) };
      });
    },
  );

  app.post(
    '/api/v1/meetings/:id/items',
    {
      config: { authorize: 'meetings.manage' },
      schema: { tags: ['meetings'], summary: 'Add an item to a meeting’s agenda', params: idParams, body: itemInput, response: { 201: itemView, 400: apiErrorSchema, 403: apiErrorSchema } },
    },
    async (req, reply) => {
      const council = req.councilOrThrow();
      const item = await req.tx(async (trx) => {
        const meeting = await findMeeting(trx, req.params.id);
        const added = await addItem(trx, req.user(), meeting, req.body, req.today, await loadCounting(trx, council));
        const { agenda } = await loadAgenda(trx, req, meeting, { papers: false });
        return agenda.items.find((i) => i.id === added.id)!;
      });
      return reply.status(201).send(apiItem(item, true));
    },
  );
}
