import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { submitForm } from '../web/form.js';
import { apiErrorSchema } from '../web/schemas.js';
import { saveTimeLimits, TIME_LIMIT_FIELDS, timeLimitsInput } from './settings.js';
import { timeLimits } from './service.js';

/** The council's time limits for each stage of a concern (the Clerk's), which date the stages and their reminders. */
export async function concernSettingsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  const settingsPage = (req: FastifyRequest, reply: FastifyReply, data: Record<string, unknown> = {}) =>
    reply.view('concerns/views/settings.njk', { title: req.t('concerns.settings.title'), section: 'concerns', fields: TIME_LIMIT_FIELDS, values: timeLimits(req.councilOrThrow()), ...data });

  app.get('/concerns/settings', async (req, reply) => {
    req.authorize('council.configure');
    return settingsPage(req, reply);
  });

  app.post('/concerns/settings', async (req, reply) => {
    req.authorize('council.configure');
    return submitForm(req, reply, {
      schema: timeLimitsInput,
      save: (trx, value) => saveTimeLimits(trx, req.user(), value),
      redisplay: (r, { errors, values }) => settingsPage(req, r, { errors, values }),
      afterSave: () => req.server.concord.councils.invalidate(),
      done: () => ({ path: '/concerns/settings', flash: 'common.saved' }),
    });
  });

  app.put(
    '/api/v1/concerns/settings',
    { config: { authorize: 'council.configure' }, schema: { tags: ['concerns'], summary: 'Set the working days allowed for each stage of a case', description: 'Whole days from 1 to 90. Stages already dated keep their dates; the next ones, and their reminders, follow the new limits.', body: timeLimitsInput, response: { 200: timeLimitsInput, 400: apiErrorSchema, 403: apiErrorSchema } } },
    async (req) => {
      await req.tx((trx) => saveTimeLimits(trx, req.user(), req.body));
      req.server.concord.councils.invalidate();
      return req.body;
    },
  );
}
