import { languageTag } from '../i18n/format.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { InvalidInputError } from '../web/errors.js';
import { submitForm } from '../web/form.js';
import { apiErrorSchema } from '../web/schemas.js';
import { councilLanguagesInOrder, findMeeting, loadCounting } from '../meetings/service.js';
import { writePdf } from '../web/pdf.js';
import { actionReport, bodyTitle, findBody, reportBlocks, type ActionReport } from './report.js';
import { putReportOnAgenda } from './agenda.js';
import { councilNameIn } from '../i18n/messages.js';

const reportActionView = z.object({
  id: z.string(),
  reference: z.number(),
  title: z.string(),
  officer: z.string(),
  minuteNumber: z.string(),
  dueOn: z.string().nullable(),
  status: z.enum(['open', 'in_progress', 'done']),
  doneOn: z.string().nullable(),
  overdue: z.boolean(),
  latestNote: z.string().nullable(),
});

const bodyQuery = z.object({ body: z.string().max(40).default('council') });

/** A body's report on the actions from its decisions: the page, the PDF, the API, and the paper for its next agenda. */
export async function reportRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const loadReport = (req: FastifyRequest, key: string) => req.tx(async (trx) => actionReport(trx, await findBody(trx, key), req.today));

  app.get('/decisions/report', { schema: { querystring: bodyQuery } }, async (req, reply) => {
    req.authorize('action_report.view');
    const report = await loadReport(req, req.query.body);
    return reply.view('decisions/views/report.njk', {
      title: req.t('report.actions.title', { body: bodyTitle(report.body, req.t) }),
      section: 'decisions',
      report,
      bodyKey: req.query.body,
      canPutOnAgenda: req.allows('meetings.manage') && report.nextMeeting !== null,
    });
  });

  app.get('/decisions/report.pdf', { schema: { querystring: bodyQuery } }, async (req, reply) => {
    req.authorize('action_report.view');
    const report = await loadReport(req, req.query.body);
    const council = req.councilOrThrow();
    const bytes = await writePdf({
      title: `${req.t('report.actions.title', { body: bodyTitle(report.body, req.t) })} – ${councilNameIn(req.t, council)}`,
      author: councilNameIn(req.t, council),
      language: languageTag(req.locale),
      blocks: reportBlocks(report, req.t),
    });
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="action-report-${req.query.body === 'council' ? 'council' : 'committee'}-${report.today}.pdf"`)
      .send(Buffer.from(bytes));
  });

  app.post('/decisions/report/agenda', { config: { authorize: 'meetings.manage' } }, async (req, reply) => {
    const council = req.councilOrThrow();
    return submitForm(req, reply, {
      schema: z.object({ body: z.string().max(40).default('council') }),
      save: async (trx, input) => {
        const report = await actionReport(trx, await findBody(trx, input.body), req.today);
        if (!report.nextMeeting) throw new InvalidInputError([{ field: 'body', key: 'report.actions.noNextMeeting' }]);
        const meeting = await findMeeting(trx, report.nextMeeting.id);
        const languages = councilLanguagesInOrder(council).map((locale) => app.concord.translate(council, locale));
        await putReportOnAgenda(trx, req.user(), meeting, report, req.today, await loadCounting(trx, council), languages);
        return meeting.id;
      },
      redisplay: (reply, { errors }) => reply.status(400).view('web/views/error.njk', { title: req.t('error.invalidRequest'), body: errors.summary.map((e) => e.text).join(' ') }),
      done: (meetingId) => ({ path: `/meetings/${meetingId}`, flash: 'report.actions.onAgenda' }),
    });
  });

  app.get(
    '/api/v1/action-report',
    {
      schema: {
        tags: ['decisions'],
        summary: 'Progress on the actions from a body’s resolutions: open (overdue first) and done since it last met',
        querystring: bodyQuery.describe('"council" or a committee’s id'),
        response: {
          200: z.object({ body: z.string(), today: z.string(), lastMeetingDate: z.string().nullable(), nextMeetingDate: z.string().nullable(), overdue: z.number(), open: z.array(reportActionView), doneSinceLastMeeting: z.array(reportActionView) }),
          404: apiErrorSchema,
        },
      },
    },
    async (req) => {
      req.authorize('action_report.view');
      const report: ActionReport = await loadReport(req, req.query.body);
      const view = (a: ActionReport['open'][number]) => ({ id: a.id, reference: a.reference, title: a.title, officer: a.officerName, minuteNumber: a.minuteNumber, dueOn: a.dueOn, status: a.status, doneOn: a.doneOn, overdue: a.overdue, latestNote: a.latestNote });
      return {
        body: bodyTitle(report.body, req.t),
        today: report.today,
        lastMeetingDate: report.lastMeeting?.date ?? null,
        nextMeetingDate: report.nextMeeting?.date ?? null,
        overdue: report.overdueCount,
        open: report.open.map(view),
        doneSinceLastMeeting: report.doneSinceLastMeeting.map(view),
      };
    },
  );
}
