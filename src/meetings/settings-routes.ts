import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { audit } from '../audit/audit.js';
import { labelled, submitForm } from '../web/form.js';
import { idParams } from '../web/schemas.js';
import { addMourningDay, listMourningDays, mourningInput, removeMourningDay } from '../calendar/mourning.js';
import { calendarSettings } from '../calendar/settings.js';
import { flatDate } from './meeting-page.js';
import { STANDARD_ITEMS, standardItemsOf } from './standard-items.js';

const settingsInput = z.object({
  clearDaysReading: labelled(z.enum(['nalc', 'working-weekdays'], 'validation.choose'), 'meetings.settings.reading'),
  saturdaysCount: z
    .enum(['yes', 'no'], 'validation.choose')
    .default('no')
    .transform((v) => v === 'yes'),
  agendaNoticeUnit: labelled(z.enum(['clear-days', 'calendar-days'], 'validation.choose'), 'meetings.settings.unit'),
});

const standardItemsInput = z.object({
  standardItems: labelled(z.array(z.enum(STANDARD_ITEMS, 'validation.choose')).max(STANDARD_ITEMS.length).default([]), 'meetings.settings.standardItems'),
});

/** The council's settings for counting notice periods, and its days of mourning (the Clerk's). */
export async function settingsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  const settingsPage = async (req: FastifyRequest, reply: FastifyReply, data: Record<string, unknown> = {}) => {
    const council = req.councilOrThrow();
    const mourning = await req.tx(listMourningDays);
    return reply.view('meetings/views/settings.njk', {
      title: req.t('meetings.settings.title'),
      section: 'meetings',
      s: calendarSettings(council.settings),
      standardItems: STANDARD_ITEMS.map((key) => ({ key, chosen: standardItemsOf(council.settings).includes(key) })),
      mourning,
      mourningValues: flatDate('day', null),
      ...data,
    });
  };

  app.get('/meetings/settings', async (req, reply) => {
    req.authorize('council.configure');
    return settingsPage(req, reply);
  });

  app.post('/meetings/settings', { config: { authorize: 'council.configure' } }, async (req, reply) => {
    const council = req.councilOrThrow();
    return submitForm(req, reply, {
      schema: settingsInput,
      save: async (trx, input) => {
        const current = await trx.selectFrom('councils').select('settings').where('id', '=', council.id).executeTakeFirstOrThrow();
        await trx.updateTable('councils').set({ settings: JSON.stringify({ ...current.settings, ...input }) }).where('id', '=', council.id).execute();
        await audit(trx, { councilId: council.id, actorId: req.user().personId, action: 'council.calendar_settings', entityType: 'council', entityId: council.id, data: input });
      },
      redisplay: (reply, { errors }) => settingsPage(req, reply, { errors }),
      afterSave: () => req.server.concord.councils.invalidate(),
      done: () => ({ path: '/meetings/settings', flash: 'common.saved' }),
    });
  });

  app.post('/meetings/settings/standard-items', { config: { authorize: 'council.configure' } }, async (req, reply) => {
    const council = req.councilOrThrow();
    return submitForm(req, reply, {
      schema: standardItemsInput,
      save: async (trx, input) => {
        const current = await trx.selectFrom('councils').select('settings').where('id', '=', council.id).executeTakeFirstOrThrow();
        await trx.updateTable('councils').set({ settings: JSON.stringify({ ...current.settings, standardItems: input.standardItems }) }).where('id', '=', council.id).execute();
        await audit(trx, { councilId: council.id, actorId: req.user().personId, action: 'council.standard_items', entityType: 'council', entityId: council.id, data: input });
      },
      redisplay: (reply, { errors }) => settingsPage(req, reply, { errors }),
      afterSave: () => req.server.concord.councils.invalidate(),
      done: () => ({ path: '/meetings/settings', flash: 'common.saved' }),
    });
  });

  app.post('/meetings/settings/mourning', { config: { authorize: 'council.configure' } }, async (req, reply) =>
    submitForm(req, reply, {
      schema: mourningInput,
      save: (trx, input) => addMourningDay(trx, req.user(), input),
      redisplay: (reply, { errors, values }) => settingsPage(req, reply, { errors, mourningValues: values }),
      done: () => ({ path: '/meetings/settings', flash: 'common.saved' }),
    }),
  );

  app.post('/meetings/settings/mourning/:id/remove', { schema: { params: idParams }, config: { authorize: 'council.configure' } }, async (req, reply) => {
    await req.tx((trx) => removeMourningDay(trx, req.user(), req.params.id));
    return reply.to('/meetings/settings', 'common.saved');
  });
}
