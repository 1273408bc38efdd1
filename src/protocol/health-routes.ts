import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { CouncilOffice } from '../db/schema.js';
import type { Action } from '../policy/actions.js';
import { addDays } from '../calendar/dates.js';
import { dateFromParts, dateParts, parseInput, toFormErrors } from '../web/forms.js';
import { labelled, labelsOf } from '../web/form.js';
import { apiErrorSchema, isoDate } from '../web/schemas.js';
import { healthReport, refusedInstructions, type HealthReport } from './health.js';
import { writePdf, type PdfBlock } from '../web/pdf.js';
import { languageTag } from '../i18n/format.js';
import { longDate } from '../web/render.js';
import { councilNameIn } from '../i18n/messages.js';

const periodQuery = z.object({ from: labelled(isoDate.clone(), 'protocol.health.from'), to: labelled(isoDate.clone(), 'protocol.health.to') });

/** One figure of the report: what it counts, how many, and (for those who may read them) where the records are. */
interface Figure {
  label: string;
  value: number;
  /** For a bar: the largest value it is compared with. */
  max?: number;
  /** Shown beside the bar and in the table instead of the bare number ("4 of 9"). */
  text?: string;
  href?: string;
}
interface Section {
  id: string;
  heading: string;
  lead?: string;
  /** Bars where people compare; otherwise a table alone. */
  chart: boolean;
  figures: Figure[];
  empty?: string;
}

/**
 * Builds the page's sections from the report. A figure links to the list behind it only when
 * the reader's rules allow that list's action, so the report never shows a path to records a
 * reader would be refused.
 */
function sectionsOf(req: FastifyRequest, r: HealthReport): Section[] {
  const t = req.t;
  const period = new URLSearchParams({ from: r.from, to: r.to }).toString();
  const link = (action: Action, path: string) => (req.allows(action) ? `${req.base}${path}` : undefined);
  const scaled = (figures: Figure[]) => {
    const max = Math.max(1, ...figures.map((f) => f.value));
    return figures.map((f) => ({ max, ...f }));
  };
  const share = (n: number | null) => (n === null ? '–' : `${Math.round(n * 100)}%`);
  const onTime = (label: string, f: { onTime: number; late: number; onTimeShare: number | null }, href?: string): Figure => ({
    label,
    value: f.onTime,
    max: Math.max(1, f.onTime + f.late),
    text: t('protocol.health.enquiries.onTime', { n: f.onTime, of: f.onTime + f.late, share: share(f.onTimeShare) }),
    href,
  });
  const equal = link('report.equal_treatment', `/reports/equal-treatment?${period}`);
  const instructions = r.instructions;
  return [
    {
      id: 'acknowledgements',
      heading: t('protocol.health.acknowledgements'),
      lead: t('protocol.health.acknowledgements.lead'),
      chart: true,
      empty: t('protocol.health.acknowledgements.none'),
      figures: r.acknowledgements.map((a) => ({
        label: t('protocol.version', { version: a.version }),
        value: a.acknowledged,
        max: Math.max(1, a.expected),
        text: t('protocol.health.of', { n: a.acknowledged, of: a.expected }),
        href: link('protocol.acknowledgements', '/protocol/acknowledgements'),
      })),
    },
    {
      id: 'enquiries',
      heading: t('protocol.health.enquiries'),
      lead: t('protocol.health.enquiries.lead', { margin: r.enquiries.margin }),
      chart: true,
      figures: [
        onTime(t('protocol.health.enquiries.all'), r.enquiries.overall, equal),
        ...r.enquiries.byOffice.map((row) => ({ ...onTime(row.label, row, equal), ...(row.flagged ? { label: t('protocol.health.flagged', { label: row.label }) } : {}) })),
        ...r.enquiries.byGroup.map((row) => ({ ...onTime(row.label, row, equal), ...(row.flagged ? { label: t('protocol.health.flagged', { label: row.label }) } : {}) })),
      ],
    },
    {
      id: 'instructions',
      heading: t('protocol.health.instructions'),
      lead: t('protocol.health.instructions.lead'),
      chart: true,
      figures: scaled([
        ...(instructions.byClause.length ? instructions.byClause : [{ clauses: '', count: 0 }]).map((c) => ({
          label: c.clauses ? t('protocol.health.refusedUnder', { clauses: c.clauses }) : t('protocol.health.instructions.refused'),
          value: c.count,
          href: link('audit.view', `/protocol/health/refusals?${period}`),
        })),
        { label: t('protocol.health.instead.enquiry'), value: instructions.instead.enquiry, href: link('enquiry.reply', '/enquiries') },
        { label: t('protocol.health.instead.agendaRequest'), value: instructions.instead.agendaRequest, href: link('agenda_request.decide', '/meetings') },
        { label: t('protocol.health.instead.none'), value: instructions.instead.none },
      ]),
    },
    {
      id: 'papers',
      heading: t('protocol.health.papers'),
      chart: false,
      figures: [
        { label: t('protocol.health.papers.refused'), value: r.interestPapers.refused, href: link('document.oversee', '/documents/oversight') },
        ...r.interestPapers.byClause.map((c) => ({ label: t('protocol.health.refusedUnder', { clauses: c.clauses }), value: c.count, href: link('document.oversee', '/documents/oversight') })),
      ],
    },
    {
      id: 'messages',
      heading: t('protocol.health.messages'),
      chart: true,
      figures: scaled([
        { label: t('protocol.health.messages.sent'), value: r.messages.sent },
        { label: t('protocol.health.messages.held'), value: r.messages.heldOutsideHours },
        { label: t('protocol.health.messages.urgent'), value: r.messages.urgentOutsideHours, href: link('urgent_messages.view', '/messages/urgent') },
      ]),
    },
    {
      id: 'groups',
      heading: t('protocol.health.groups'),
      chart: true,
      figures: scaled([
        { label: t('protocol.health.groups.accepted'), value: r.groups.requests.accepted, href: link('group_notice.view', '/groups') },
        { label: t('protocol.health.groups.declined'), value: r.groups.requests.declined, href: link('group_notice.view', '/groups') },
        { label: t('protocol.health.groups.pending'), value: r.groups.requests.pending, href: link('group_notice.view', '/groups') },
        { label: t('protocol.health.groups.reports'), value: r.groups.reports, href: link('group_notice.view', '/groups') },
        { label: t('protocol.health.groups.notices'), value: r.groups.notices, href: link('group_notice.view', '/groups') },
      ]),
    },
    {
      // Counts only, and no links: the cases are for those who handle them, one by one.
      id: 'concerns',
      heading: t('protocol.health.concerns'),
      chart: false,
      empty: t('protocol.health.concerns.few'),
      figures: r.concerns
        ? [
            { label: t('protocol.health.concerns.raised'), value: r.concerns.raised },
            ...(['informal', 'formal', 'closed'] as const).map((stage) => {
              const value = r.concerns![stage];
              return { label: t(`protocol.health.concerns.${stage}`), value: value ?? 0, ...(value === null ? { text: t('protocol.health.concerns.fewInStage') } : {}) };
            }),
          ]
        : [],
    },
    {
      id: 'overdue',
      heading: t('protocol.health.overdue'),
      lead: t('protocol.health.overdue.lead'),
      chart: false,
      figures: [
        { label: t('protocol.health.training.people'), value: r.training.peopleOverdue, href: link('training.manage', '/training/everyone') },
        { label: t('protocol.health.training.items'), value: r.training.itemsOverdue, href: link('training.manage', '/training/everyone') },
        { label: t('protocol.health.register.overdue'), value: r.register.overdue, text: t('protocol.health.of', { n: r.register.overdue, of: r.register.councillors }), href: link('interest.manage', '/interests') },
      ],
    },
  ];
}

const figureView = z.object({ label: z.string(), value: z.number(), max: z.number().optional(), text: z.string().optional(), href: z.string().optional() });
const healthView = z.object({
  from: z.string(),
  to: z.string(),
  report: z.record(z.string(), z.unknown()).describe('The figures, section by section, as counted'),
  sections: z.array(z.object({ id: z.string(), heading: z.string(), figures: z.array(figureView) })).describe('The same figures as the page shows them, with links for those who may read the records'),
});

/** The protocol health report: one page and its API, for the Clerk and the Chair, over a period (the last twelve months unless chosen). */
export async function protocolHealthRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const now = () => app.concord.services.clock();

  const load = async (req: FastifyRequest) => {
    const q = (req.query ?? {}) as Record<string, unknown>;
    // The page sends GOV.UK date parts (from-day …); links and the API carry ISO dates.
    const chosen = (name: 'from' | 'to') => dateFromParts(q, name) ?? (typeof q[name] === 'string' && q[name] ? q[name] : undefined);
    const input = { from: chosen('from') ?? addDays(req.today, -365), to: chosen('to') ?? req.today };
    const parsed = parseInput(periodQuery, input, req.t, labelsOf(periodQuery));
    if (!parsed.ok) return { input, errors: parsed.errors, report: undefined };
    if (parsed.value.from > parsed.value.to) return { input, errors: [{ field: 'to', message: req.t('protocol.health.order') }], report: undefined };
    const officeLabel = (office: CouncilOffice | null) => (office ? req.t(`offices.${office}`) : req.t('report.noOffice'));
    const report = await req.tx((trx) => healthReport(trx, req.councilOrThrow(), { ...parsed.value, now: now(), officeLabel, noGroupLabel: req.t('report.noGroup') }));
    return { input, errors: [], report };
  };

  app.get('/protocol/health', { config: { authorize: 'protocol.healthReport' } }, async (req, reply) => {
    const { input, errors, report } = await load(req);
    return reply.status(errors.length ? 400 : 200).view('protocol/views/health.njk', {
      title: req.t('protocol.health.title'),
      section: 'protocol',
      dates: { from: dateParts(String(input.from)), to: dateParts(String(input.to)) },
      errors: errors.length ? toFormErrors(errors) : undefined,
      report,
      sections: report ? sectionsOf(req, report) : [],
    });
  });

  // The records behind the refused instructions: who was refused, when, under which clause, and
  // what they did next. Names are for those who read the audit log, which this is drawn from.
  app.get('/protocol/health/refusals', { config: { authorize: 'audit.view' } }, async (req, reply) => {
    const q = (req.query ?? {}) as Record<string, unknown>;
    const parsed = parseInput(periodQuery, { from: q.from ?? addDays(req.today, -365), to: q.to ?? req.today }, req.t, labelsOf(periodQuery));
    if (!parsed.ok) return reply.status(400).view('protocol/views/health-refusals.njk', { title: req.t('protocol.health.refusals.title'), section: 'protocol', errors: toFormErrors(parsed.errors), rows: [] });
    const rows = await req.tx((trx) => refusedInstructions(trx, parsed.value.from, parsed.value.to));
    return reply.view('protocol/views/health-refusals.njk', { title: req.t('protocol.health.refusals.title'), section: 'protocol', period: parsed.value, rows, back: `/protocol/health?${new URLSearchParams(parsed.value).toString()}` });
  });

  // The same figures as a PDF, to go with the council's papers when it reviews the protocol.
  app.get('/protocol/health.pdf', { config: { authorize: 'protocol.healthReport' } }, async (req, reply) => {
    const { errors, report } = await load(req);
    if (!report) return reply.status(400).view('protocol/views/health.njk', { title: req.t('protocol.health.title'), section: 'protocol', dates: { from: dateParts(''), to: dateParts('') }, errors: toFormErrors(errors), sections: [] });
    const t = req.t;
    const council = req.councilOrThrow();
    // As the page: each part under its heading, its figures a list.
    const blocks: PdfBlock[] = [
      { kind: 'paragraph', text: councilNameIn(req.t, council) },
      { kind: 'paragraph', text: t('protocol.health.period', { from: longDate(report.from, req.locale), to: longDate(report.to, req.locale) }) },
    ];
    for (const s of sectionsOf(req, report)) {
      blocks.push({ kind: 'heading', level: 2, text: s.heading });
      if (s.lead) blocks.push({ kind: 'paragraph', text: s.lead });
      if (!s.figures.length && s.empty) blocks.push({ kind: 'paragraph', text: s.empty });
      if (s.figures.length) blocks.push({ kind: 'list', items: s.figures.map((f) => `${f.label}: ${f.text ?? f.value}`) });
    }
    const pdf = await writePdf({ title: t('protocol.health.title'), author: councilNameIn(req.t, council), language: languageTag(req.locale), blocks });
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="protocol-health-${report.from}-${report.to}.pdf"`)
      .header('cache-control', 'no-store')
      .send(Buffer.from(pdf));
  });

  app.get(
    '/api/v1/protocol/health',
    {
      config: { authorize: 'protocol.healthReport' },
      schema: {
        tags: ['protocol'],
        summary: 'The protocol health report over a period (from, to: ISO dates; the last twelve months by default)',
        description: 'For the Clerk and the Chair. Concerns are counted only when at least three were raised in the period.',
        querystring: z.object({ from: z.string().optional(), to: z.string().optional() }),
        response: { 200: healthView, 400: apiErrorSchema, 403: apiErrorSchema },
      },
    },
    async (req, reply) => {
      const { errors, report } = await load(req);
      if (!report) return reply.status(400).send({ error: { id: 'invalid_request', message: errors.map((e) => e.message).join(' '), fields: errors } });
      return { from: report.from, to: report.to, report: report as unknown as Record<string, unknown>, sections: sectionsOf(req, report).map(({ id, heading, figures }) => ({ id, heading, figures })) };
    },
  );
}
