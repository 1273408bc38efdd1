import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { languageTag } from '../i18n/format.js';
import { submitForm } from '../web/form.js';
import { writePdf } from '../web/pdf.js';
import { apiErrorSchema, idParams } from '../web/schemas.js';
import { findMeeting, loadCounting } from './service.js';
import { markPosted, postedInput, summonsPack } from './postal.js';
import { meetingPage } from './meeting-page.js';

/** The summons on paper: the pack of letters to print, and the day each went in the post (the Clerk's work). */
export async function postRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const now = () => app.concord.services.clock();

  app.get('/meetings/:id/summons/pack.pdf', { schema: { params: idParams }, config: { authorize: 'meetings.manage' } }, async (req, reply) => {
    const council = req.councilOrThrow();
    const spec = await req.tx(async (trx) =>
      summonsPack(trx, council, await findMeeting(trx, req.params.id), {
        clauses: req.clauses!,
        clausesIn: (locale) => app.concord.clausesOf((read) => read(trx), council, locale, req.today),
        today: req.today,
        translate: (locale) => app.concord.translate(council, locale),
        locale: req.locale,
        language: languageTag(req.locale),
        signedBy: req.user().name,
      }),
    );
    const pdf = await writePdf(spec);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="summons-letters-${req.params.id}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(pdf));
  });

  app.post('/meetings/:id/summons/posted', { schema: { params: idParams }, config: { authorize: 'meetings.manage' } }, async (req, reply) => {
    const council = req.councilOrThrow();
    return submitForm(req, reply, {
      schema: postedInput,
      save: async (trx, input) => markPosted(trx, req.user(), council, await findMeeting(trx, req.params.id), input, { today: req.today, now: now(), counting: await loadCounting(trx, council) }),
      redisplay: (reply, { errors, values }) => meetingPage(req, reply, req.params.id, { errors, part: 'summons', postedValues: values }),
      done: () => ({ path: `/meetings/${req.params.id}?part=summons`, flash: 'meetings.post.recorded' }),
    });
  });

  app.post(
    '/api/v1/meetings/:id/summons/posted',
    {
      config: { authorize: 'meetings.manage' },
      schema: {
        tags: ['meetings'],
        summary: 'Record the day members’ summonses went in the post',
        description:
          'The day of posting counts as the day of issue (LGA 1972 Sch. 12): refused with 409 summons_too_late after the latest day three clear days allow, unless the meeting was accepted at short notice; with 409 summons_not_issued before the summons is issued; with 400 on postedOn for a day in the future or before the summons was issued, and on personIds for a member whose summons did not go by post.',
        params: idParams,
        body: postedInput,
        response: {
          200: z.object({ posted: z.array(z.object({ personId: z.string(), name: z.string(), postedOn: z.string() })) }),
          400: apiErrorSchema,
          403: apiErrorSchema,
          404: apiErrorSchema,
          409: apiErrorSchema,
        },
      },
    },
    async (req) => {
      const council = req.councilOrThrow();
      const posted = await req.tx(async (trx) => markPosted(trx, req.user(), council, await findMeeting(trx, req.params.id), req.body, { today: req.today, now: now(), counting: await loadCounting(trx, council) }));
      return { posted };
    },
  );
}
