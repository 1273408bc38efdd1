import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { CouncilOffice } from '../db/schema.js';
import { dateFromParts, dateParts, parseInput, toFormErrors } from '../web/forms.js';
import { labelled, labelsOf, submitForm } from '../web/form.js';
import { NotFoundError } from '../web/errors.js';
import { apiErrorSchema, idParams, isoDate } from '../web/schemas.js';
import { addDays } from '../calendar/dates.js';
import {
  createEnquiry,
  enquiryInput,
  getEnquiry,
  isOverdue,
  listEnquiries,
  replyInput,
  replyToEnquiry,
  responseDays,
  sendsEnquiries,
  type EnquiryRow,
} from './service.js';
import { londonDate } from '../policy/principal.js';
import { equalTreatmentReport, reportMarginDays, type EqualTreatmentReport, type ReportRow } from './report.js';

const enquiryView = z.object({
  id: z.string(),
  reference: z.string(),
  kind: z.enum(['enquiry', 'complaint']),
  subject: z.string(),
  body: z.string(),
  status: z.enum(['open', 'answered', 'closed']),
  councillorId: z.string(),
  receivedAt: z.string(),
  dueOn: z.string(),
  answeredAt: z.string().nullable(),
  overdue: z.boolean(),
  escalatedAt: z.string().nullable().optional().describe('For officers: when the overdue enquiry was escalated to the Clerk'),
});
const messageView = z.object({ id: z.string(), authorId: z.string(), authorName: z.string(), body: z.string(), createdAt: z.string() });

type Presentable = Pick<EnquiryRow, 'id' | 'reference' | 'kind' | 'subject' | 'body' | 'status' | 'councillor_id' | 'received_at' | 'due_on' | 'answered_at'> & { escalated_at?: Date | null };
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
/** An enquiry for the API. The councillor sees its status and answer; the follow-ups are the officers' business. */
const present = (e: Presentable, today: string, forOfficers = false) => ({
  id: e.id,
  reference: e.reference,
  kind: e.kind,
  subject: e.subject,
  body: e.body,
  status: e.status,
  councillorId: e.councillor_id,
  receivedAt: iso(e.received_at)!,
  dueOn: e.due_on,
  answeredAt: iso(e.answered_at),
  overdue: isOverdue(e, today),
  ...(forOfficers ? { escalatedAt: iso(e.escalated_at ?? null) } : {}),
});

/** The London day an overdue enquiry was escalated to the Clerk, for the officers who answer it; null for anyone else. */
const escalatedOn = (e: { escalated_at: Date | null }, forOfficers: boolean) => (!forOfficers || !e.escalated_at ? null : londonDate(new Date(e.escalated_at)));

/** The follow-ups (reminders, escalation) are the business of those who answer enquiries. */
const seesFollowUps = (req: FastifyRequest) => req.allows('enquiry.reply');

/** Only councillors send enquiries; for anyone else the form does not exist. */
function sendersOnly(req: FastifyRequest): void {
  if (!sendsEnquiries(req.user())) throw new NotFoundError();
}

const reportQuery = z.object({ from: labelled(isoDate.clone(), 'report.field.from'), to: labelled(isoDate.clone(), 'report.field.to') });

/** A spreadsheet cell that cannot be taken for a formula, quoted for CSV. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

const number = (n: number | null) => (n === null ? '' : String(Math.round(n * 10) / 10));
const share = (n: number | null) => (n === null ? '' : String(Math.round(n * 1000) / 10));

/**
 * Councillors' enquiries to the council's officers: each councillor sees their own, the
 * officers see the queue by due date; every enquiry is one thread. And the Clerk's
 * equal-treatment report on how quickly each councillor, office and group is answered.
 */
export async function enquiryRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const now = () => app.concord.services.clock();

  app.get('/enquiries', async (req, reply) => {
    req.authorize('enquiry.view');
    const user = req.user();
    const forOfficers = seesFollowUps(req);
    // The queue is worked from the top: open enquiries first (by due date), then the rest;
    // "open only" leaves out what is answered or closed.
    const openOnly = (req.query as Record<string, unknown> | undefined)?.show === 'open';
    const listed = await req.tx((trx) => listEnquiries(trx, user, openOnly ? { status: ['open'] } : {}));
    const openFirst = [...listed.filter((e) => e.status === 'open'), ...listed.filter((e) => e.status !== 'open')];
    const enquiries = openFirst.map((e) => ({ ...e, overdue: isOverdue(e, req.today), escalatedOn: escalatedOn(e, forOfficers) }));
    const ownOnly = sendsEnquiries(user);
    return reply.view('enquiries/views/list.njk', {
      title: req.t('enquiries.title'),
      section: 'enquiries',
      enquiries,
      ownOnly,
      openOnly,
      canSend: ownOnly && req.allows('enquiry.create'),
      days: responseDays(req.councilOrThrow()),
      canReport: req.allows('report.equal_treatment'),
    });
  });

  const form = (req: FastifyRequest, reply: FastifyReply, data: Record<string, unknown> = {}) =>
    reply.view('enquiries/views/new.njk', { title: req.t('enquiries.new'), section: 'enquiries', values: { kind: 'enquiry' }, days: responseDays(req.councilOrThrow()), ...data });

  app.get('/enquiries/new', async (req, reply) => {
    req.authorize('enquiry.create');
    sendersOnly(req);
    return form(req, reply);
  });

  app.post('/enquiries/new', async (req, reply) => {
    req.authorize('enquiry.create');
    sendersOnly(req);
    return submitForm(req, reply, {
      schema: enquiryInput,
      // The acknowledgement is in the council's words (req.t is the council's translator).
      save: async (trx, value) => createEnquiry(trx, req.councilOrThrow(), req.user(), value, now(), await req.recipientsText(trx)),
      redisplay: (r, { errors, values }) => form(req, r, { errors, values }),
      done: (enquiry) => ({ path: `/enquiries/${enquiry.id}`, flash: `enquiries.sent|${JSON.stringify({ reference: enquiry.reference })}` }),
    });
  });

  const thread = async (req: FastifyRequest, reply: FastifyReply, id: string, data: Record<string, unknown> = {}) => {
    if (!z.uuid().safeParse(id).success) throw new NotFoundError();
    const user = req.user();
    const { enquiry, messages } = await req.tx((trx) => getEnquiry(trx, user, id));
    return reply.view('enquiries/views/show.njk', {
      title: `${enquiry.reference}: ${enquiry.subject}`,
      section: 'enquiries',
      enquiry: { ...enquiry, overdue: isOverdue(enquiry, req.today), escalatedOn: escalatedOn(enquiry, seesFollowUps(req)) },
      messages,
      canReply: req.allows('enquiry.reply'),
      values: { status: 'answered' },
      ...data,
    });
  };

  app.get('/enquiries/:id', async (req, reply) => {
    req.authorize('enquiry.view');
    return thread(req, reply, (req.params as { id: string }).id);
  });

  app.post('/enquiries/:id/reply', async (req, reply) => {
    req.authorize('enquiry.reply');
    const id = (req.params as { id: string }).id;
    if (!z.uuid().safeParse(id).success) throw new NotFoundError();
    return submitForm(req, reply, {
      schema: replyInput,
      save: (trx, value) => replyToEnquiry(trx, req.user(), id, value, now()),
      redisplay: (r, { errors, values }) => thread(req, r, id, { errors, values }),
      done: (enquiry) => ({ path: `/enquiries/${id}`, flash: `enquiries.replied|${JSON.stringify({ reference: enquiry.reference })}` }),
    });
  });

  app.get(
    '/api/v1/enquiries',
    { schema: { tags: ['enquiries'], summary: 'Enquiries by due date: a councillor’s own, or all for officers', response: { 200: z.object({ enquiries: z.array(enquiryView) }) } } },
    async (req) => {
      req.authorize('enquiry.view');
      const user = req.user();
      return { enquiries: (await req.tx((trx) => listEnquiries(trx, user))).map((e) => present(e, req.today, seesFollowUps(req))) };
    },
  );

  app.post(
    '/api/v1/enquiries',
    {
      config: { authorize: 'enquiry.create' },
      schema: {
        tags: ['enquiries'],
        summary: 'Send an enquiry or complaint to the council’s officers',
        description: 'For councillors. The enquiry gets a reference and a due date, in the council’s working days.',
        body: enquiryInput,
        response: { 201: enquiryView, 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (req, reply) => {
      sendersOnly(req);
      const enquiry = await req.tx(async (trx) => createEnquiry(trx, req.councilOrThrow(), req.user(), req.body, now(), await req.recipientsText(trx)));
      return reply.status(201).send(present(enquiry, req.today));
    },
  );

  app.get(
    '/api/v1/enquiries/:id',
    {
      schema: {
        tags: ['enquiries'],
        summary: 'One enquiry and its thread',
        description: 'A councillor gets 404 for an enquiry that is not their own.',
        params: idParams,
        response: { 200: enquiryView.extend({ messages: z.array(messageView) }), 404: apiErrorSchema },
      },
    },
    async (req) => {
      req.authorize('enquiry.view');
      const user = req.user();
      const { enquiry, messages } = await req.tx((trx) => getEnquiry(trx, user, req.params.id));
      return {
        ...present(enquiry, req.today, seesFollowUps(req)),
        messages: messages.map((m) => ({ id: m.id, authorId: m.author_id, authorName: m.author_name, body: m.body, createdAt: iso(m.created_at)! })),
      };
    },
  );

  app.post(
    '/api/v1/enquiries/:id/replies',
    {
      config: { authorize: 'enquiry.reply' },
      schema: {
        tags: ['enquiries'],
        summary: 'Reply to an enquiry, and set its status',
        description: 'For officers. The first reply that marks it answered sets the time it was answered.',
        params: idParams,
        body: replyInput,
        response: { 200: enquiryView, 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (req) => {
      const enquiry = await req.tx((trx) => replyToEnquiry(trx, req.user(), req.params.id, req.body, now()));
      return present(enquiry, req.today, true);
    },
  );

  /** The report for the period in the query (the last twelve months by default), flagged by the council's margin. */
  const report = async (req: FastifyRequest) => {
    const q = (req.query ?? {}) as Record<string, unknown>;
    // The page's form sends GOV.UK date parts (from-day, from-month, from-year); links and the
    // CSV carry ISO dates (from=2026-01-01).
    const chosen = (name: 'from' | 'to') => dateFromParts(q, name) ?? (typeof q[name] === 'string' && q[name] ? q[name] : undefined);
    const input = {
      from: chosen('from') ?? addDays(req.today, -365),
      to: chosen('to') ?? req.today,
    };
    const parsed = parseInput(reportQuery, input, req.t, labelsOf(reportQuery));
    if (!parsed.ok) return { input, errors: parsed.errors, report: undefined };
    if (parsed.value.from > parsed.value.to) return { input, errors: [{ field: 'to', message: req.t('report.error.order') }], report: undefined };
    const officeLabel = (office: CouncilOffice | null) => (office ? req.t(`offices.${office}`) : req.t('report.noOffice'));
    const result = await req.tx((trx) => equalTreatmentReport(trx, req.councilOrThrow(), { ...parsed.value, margin: reportMarginDays(req.councilOrThrow()), now: now(), officeLabel, noGroupLabel: req.t('report.noGroup') }));
    return { input, errors: [], report: result };
  };

  app.get('/reports/equal-treatment', async (req, reply) => {
    req.authorize('report.equal_treatment');
    const { input, errors, report: result } = await report(req);
    const status = errors.length ? 400 : 200;
    return reply.status(status).view('enquiries/views/report.njk', {
      title: req.t('report.title'),
      section: 'enquiries',
      values: input,
      dates: { from: dateParts(String(input.from)), to: dateParts(String(input.to)) },
      errors: errors.length ? toFormErrors(errors) : undefined,
      margin: reportMarginDays(req.councilOrThrow()),
      report: result,
      sections: result ? sectionsOf(result) : [],
      overall: result
        ? { received: result.overall.received, answered: result.overall.answered, median: number(result.overall.median) || '–', p90: number(result.overall.p90) || '–', share: share(result.overall.onTimeShare) || '–' }
        : undefined,
      query: new URLSearchParams({ from: String(input.from), to: String(input.to) }).toString(),
    });
  });

  app.get('/reports/equal-treatment.csv', async (req, reply) => {
    req.authorize('report.equal_treatment');
    const { errors, report: result } = await report(req);
    if (!result) return reply.status(400).send({ error: { id: 'invalid_request', message: errors.map((e) => e.message).join(' '), fields: errors } });
    const head = ['breakdown', 'name', 'received', 'answered', 'on time', 'late', 'median working days', '90th percentile working days', 'on time %', 'flagged'];
    const lines = [head.map(csvCell).join(',')];
    const line = (breakdown: string, r: Pick<ReportRow, 'label' | 'received' | 'answered' | 'onTime' | 'late' | 'median' | 'p90' | 'onTimeShare'> & { flagged?: boolean }) =>
      lines.push([breakdown, r.label, String(r.received), String(r.answered), String(r.onTime), String(r.late), number(r.median), number(r.p90), share(r.onTimeShare), r.flagged ? 'yes' : 'no'].map(csvCell).join(','));
    line('council', { label: req.councilOrThrow().name, ...result.overall });
    for (const s of sectionsOf(result)) for (const r of s.rows) line(s.key, r);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="equal-treatment-${result.from}-${result.to}.csv"`)
      .header('cache-control', 'no-store')
      .send(`${lines.join('\r\n')}\r\n`);
  });
}

/** The three breakdowns, with what the chart needs: the longest median, to scale the bars. */
function sectionsOf(report: EqualTreatmentReport) {
  const max = Math.max(1, ...[...report.byCouncillor, ...report.byOffice, ...report.byGroup].map((r) => r.median ?? 0));
  return (
    [
      ['councillor', report.byCouncillor],
      ['office', report.byOffice],
      ['group', report.byGroup],
    ] as const
  ).map(([key, rows]) => ({
    key,
    max,
    rows: rows.map((r) => ({ ...r, medianText: number(r.median), p90Text: number(r.p90), shareText: share(r.onTimeShare) })),
  }));
}
