import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { submitForm } from '../web/form.js';
import { apiErrorSchema, idParams } from '../web/schemas.js';
import { findMeeting, issueSummons, loadCounting, summonsInput } from './service.js';
import { linker, meetingPage } from './meeting-page.js';

/** The summons and agenda, issued to the body's members within three clear days. */
export async function summonsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const now = () => app.concord.services.clock();

  app.post('/meetings/:id/summons', { schema: { params: idParams }, config: { authorize: 'meetings.manage' } }, async (req, reply) => {
    const council = req.councilOrThrow();
    return submitForm(req, reply, {
      schema: summonsInput,
      save: async (trx, input) =>
        issueSummons(trx, req.user(), council, await findMeeting(trx, req.params.id), {
          today: req.today,
          now: now(),
          clauses: req.clauses!,
          clausesIn: (locale) => app.concord.clausesOf((read) => read(trx), council, locale, req.today),
          counting: await loadCounting(trx, council),
          translate: (locale) => app.concord.translate(council, locale),
          link: linker(req),
          pendingAcknowledged: input.pendingAcknowledged,
        }),
      redisplay: (reply, { errors }) => meetingPage(req, reply, req.params.id, { errors, part: 'summons' }),
      done: () => ({ path: `/meetings/${req.params.id}?part=summons`, flash: 'meetings.summonsIssued' }),
    });
  });

  app.post(
    '/api/v1/meetings/:id/summons',
    {
      config: { authorize: 'meetings.manage' },
      schema: {
        tags: ['meetings'],
        summary: 'Issue the summons and agenda to the body’s members',
        description:
          'Refused with 409 summons_too_late after the latest date three clear days allow (re-schedule the meeting first); with 400 on pendingAcknowledged while agenda requests are undecided, until the Clerk says they know; with 400 on summons once the meeting has taken place.',
        params: idParams,
        body: summonsInput.nullish(),
        response: { 200: z.object({ issuedOn: z.string(), recipients: z.number(), latestIssueDate: z.string() }), 400: apiErrorSchema, 403: apiErrorSchema, 409: apiErrorSchema },
      },
    },
    async (req) => {
      const council = req.councilOrThrow();
      const out = await req.tx(async (trx) =>
        issueSummons(trx, req.user(), council, await findMeeting(trx, req.params.id), {
          today: req.today,
          now: now(),
          clauses: req.clauses!,
          clausesIn: (locale) => app.concord.clausesOf((read) => read(trx), council, locale, req.today),
          counting: await loadCounting(trx, council),
          translate: (locale) => app.concord.translate(council, locale),
          link: linker(req),
          pendingAcknowledged: req.body?.pendingAcknowledged ?? false,
        }),
      );
      return { issuedOn: req.today, ...out };
    },
  );
}
