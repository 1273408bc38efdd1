import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { submitForm } from '../web/form.js';
import { apiErrorSchema, idParams } from '../web/schemas.js';
import { idFromPath } from '../web/pages.js';
import { clausesCarrying } from '../policy/decide.js';
import {
  agendaItemsToCome,
  getOfficerReport,
  listOfficerReports,
  officerReportInput,
  officerReportResource,
  recordView,
  reviseOfficerReport,
  viewInput,
  writeOfficerReport,
} from './advice.js';

const iso = (d: Date | string) => new Date(d).toISOString();

const officerReportView = z.object({
  id: z.string(),
  title: z.string(),
  agendaItemId: z.string().nullable(),
  body: z.string(),
  recommendation: z.string().describe('The officer’s own: no councillor can change it'),
  author: z.object({ id: z.string(), name: z.string() }),
  version: z.number(),
  issuedAt: z.string(),
  updatedAt: z.string(),
  views: z.array(z.object({ councillorId: z.string(), councillorName: z.string(), body: z.string(), recordedAt: z.string() })).describe('Councillors’ views, each under their name, apart from the recommendation'),
  versions: z.array(z.object({ version: z.number(), recommendation: z.string(), changedBy: z.object({ id: z.string(), name: z.string() }), changedAt: z.string(), recommendationChanged: z.boolean() })),
});

type Loaded = Awaited<ReturnType<typeof getOfficerReport>>;
const present = ({ report, versions, views }: Loaded) => ({
  id: report.id,
  title: report.title,
  agendaItemId: report.agenda_item_id,
  body: report.body,
  recommendation: report.recommendation,
  author: { id: report.author_id, name: report.author_name },
  version: report.version,
  issuedAt: iso(report.issued_at),
  updatedAt: iso(report.updated_at),
  views: views.map((v) => ({ councillorId: v.councillor_id, councillorName: v.councillor_name, body: v.body, recordedAt: iso(v.created_at) })),
  versions: versions.map((v) => ({ version: v.version, recommendation: v.recommendation, changedBy: { id: v.changed_by, name: v.changed_by_name }, changedAt: iso(v.changed_at), recommendationChanged: v.recommendationChanged })),
});

/**
 * Officers' reports to the council and its committees. The recommendation is the officer's
 * own: only its author revises it (each version kept), and councillors record their views
 * beside it; there is no way in Concord to ask for it to be changed.
 */
export async function officerReportRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const now = () => app.concord.services.clock();
  const adviceClause = (req: FastifyRequest) => clausesCarrying(req.clauses!, 'officer-advice-own')[0];

  app.get('/officer-reports', async (req, reply) => {
    req.authorize('officer_report.view');
    const reports = await req.tx(listOfficerReports);
    return reply.view('groups/views/officer-reports.njk', { title: req.t('officerReports.title'), section: 'officer-reports', reports, clause: adviceClause(req), canWrite: req.allows('officer_report.write') });
  });

  const form = async (req: FastifyRequest, reply: FastifyReply, data: Record<string, unknown> = {}) => {
    const items = await req.tx((trx) => agendaItemsToCome(trx, req.today));
    return reply.view('groups/views/officer-report-form.njk', { title: req.t('officerReports.new'), section: 'officer-reports', items, values: {}, ...data });
  };

  app.get('/officer-reports/new', async (req, reply) => {
    req.authorize('officer_report.write');
    return form(req, reply);
  });

  app.post('/officer-reports/new', async (req, reply) => {
    req.authorize('officer_report.write');
    return submitForm(req, reply, {
      schema: officerReportInput,
      save: (trx, value) => writeOfficerReport(trx, req.user(), value, now()),
      redisplay: (r, { errors, values }) => form(req, r, { errors, values }),
      done: ({ report }) => ({ path: `/officer-reports/${report.id}`, flash: 'officerReports.issued' }),
    });
  });

  const page = async (req: FastifyRequest, reply: FastifyReply, id: string, data: Record<string, unknown> = {}) => {
    req.authorize('officer_report.view');
    const loaded = await req.tx((trx) => getOfficerReport(trx, id));
    const items = await req.tx((trx) => agendaItemsToCome(trx, req.today));
    const { report } = loaded;
    return reply.view('groups/views/officer-report.njk', {
      title: report.title,
      section: 'officer-reports',
      ...loaded,
      items,
      clause: adviceClause(req),
      canRevise: req.allows('officer_report.write', officerReportResource(report)),
      canRecordView: req.allows('officer_report.record_view'),
      isAuthor: report.author_id === req.user().personId,
      values: { title: report.title, body: report.body, recommendation: report.recommendation, agendaItemId: report.agenda_item_id },
      ...data,
    });
  };

  app.get('/officer-reports/:id', (req, reply) => page(req, reply, idFromPath(req.params)));

  app.post('/officer-reports/:id', async (req, reply) => {
    const id = idFromPath(req.params);
    const { report } = await req.tx((trx) => getOfficerReport(trx, id));
    req.authorize('officer_report.write', officerReportResource(report));
    return submitForm(req, reply, {
      schema: officerReportInput,
      save: (trx, value) => reviseOfficerReport(trx, req.user(), id, value, now()),
      redisplay: (r, { errors, values }) => page(req, r, id, { errors, values }),
      done: () => ({ path: `/officer-reports/${id}`, flash: 'officerReports.revised' }),
    });
  });

  app.post('/officer-reports/:id/views', async (req, reply) => {
    req.authorize('officer_report.record_view');
    const id = idFromPath(req.params);
    return submitForm(req, reply, {
      schema: viewInput,
      save: (trx, value) => recordView(trx, req.user(), id, value.body, now()),
      redisplay: (r, { errors, values }) => page(req, r, id, { viewErrors: errors, viewValues: values }),
      done: () => ({ path: `/officer-reports/${id}`, flash: 'officerReports.viewRecorded' }),
    });
  });

  app.get(
    '/api/v1/officer-reports',
    { config: { authorize: 'officer_report.view' }, schema: { tags: ['officer reports'], summary: 'Officers’ reports to the council and its committees', response: { 200: z.object({ reports: z.array(z.object({ id: z.string(), title: z.string(), author: z.string(), version: z.number(), issuedAt: z.string() })) }) } } },
    async (req) => ({ reports: (await req.tx(listOfficerReports)).map((r) => ({ id: r.id, title: r.title, author: r.author_name, version: r.version, issuedAt: iso(r.issued_at) })) }),
  );

  app.post(
    '/api/v1/officer-reports',
    {
      config: { authorize: 'officer_report.write' },
      schema: { tags: ['officer reports'], summary: 'Issue an officer’s report with the officer’s recommendation', description: 'For officers; a councillor is refused under the clause that makes the recommendation the officer’s own.', body: officerReportInput, response: { 201: officerReportView, 400: apiErrorSchema, 403: apiErrorSchema } },
    },
    async (req, reply) => reply.status(201).send(present(await req.tx((trx) => writeOfficerReport(trx, req.user(), req.body, now())))),
  );

  app.get(
    '/api/v1/officer-reports/:id',
    { config: { authorize: 'officer_report.view' }, schema: { tags: ['officer reports'], summary: 'One officer’s report, its versions and councillors’ views', params: idParams, response: { 200: officerReportView, 404: apiErrorSchema } } },
    async (req) => present(await req.tx((trx) => getOfficerReport(trx, req.params.id))),
  );

  app.put(
    '/api/v1/officer-reports/:id',
    {
      schema: {
        tags: ['officer reports'],
        summary: 'Issue a new version of an officer’s report',
        description: 'Only its author: a councillor, or another officer, is refused with the council’s clause. Earlier versions are kept.',
        params: idParams,
        body: officerReportInput,
        response: { 200: officerReportView, 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (req) => {
      const loaded = await req.tx(async (trx) => {
        const { report } = await getOfficerReport(trx, req.params.id);
        req.authorize('officer_report.write', officerReportResource(report));
        return reviseOfficerReport(trx, req.user(), req.params.id, req.body, now());
      });
      return present(loaded);
    },
  );

  app.post(
    '/api/v1/officer-reports/:id/views',
    {
      config: { authorize: 'officer_report.record_view' },
      schema: { tags: ['officer reports'], summary: 'Record a councillor’s view beside the report, under their name', params: idParams, body: viewInput, response: { 201: officerReportView, 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema } },
    },
    async (req, reply) => reply.status(201).send(present(await req.tx((trx) => recordView(trx, req.user(), req.params.id, req.body.body, now())))),
  );

  app.post(
    '/api/v1/officer-reports/:id/recommendation-change-requests',
    {
      config: { authorize: 'officer_report.request_change' },
      schema: {
        tags: ['officer reports'],
        summary: 'Ask for an officer’s recommendation to be changed: always refused',
        description: 'The recommendation is the officer’s own; Concord carries no request to change it. Answered 403 with the council’s clause. Record a view instead.',
        params: idParams,
        response: { 403: apiErrorSchema },
      },
    },
    async () => {
      throw new Error('unreachable: the rule table refuses every request to change a recommendation');
    },
  );

  app.post('/officer-reports/:id/change-request', { config: { authorize: 'officer_report.request_change' } }, async () => {
    throw new Error('unreachable: the rule table refuses every request to change a recommendation');
  });
}
