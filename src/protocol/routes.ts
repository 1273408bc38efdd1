import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { baselineClausesNotAdopted, currentProtocol } from './service.js';
import { hasAcknowledged } from './versions.js';
import { writePdf, type PdfBlock } from '../web/pdf.js';
import { languageTag } from '../i18n/format.js';
import { longDate } from '../web/render.js';
import type { ApprovalRow } from './versions.js';
import { councilNameIn } from '../i18n/messages.js';

const clauseSchema = z.object({
  number: z.string(),
  heading: z.string(),
  text: z.string(),
  summary: z.string(),
  kind: z.enum(['enforced', 'routed', 'recorded', 'guidance']),
  rules: z.array(z.string()),
  applied: z.boolean().describe('Whether Concord applies every rule this clause carries'),
});
export const approvalSchema = z.object({
  version: z.string(),
  approvedOn: z.string().nullable(),
  approvedBy: z.string(),
  summary: z.string(),
  inForceFrom: z.string().nullable().describe('The day the version came (or comes) into force'),
  resolution: z.object({ id: z.string(), minuteNumber: z.string() }).nullable().describe('The resolution that approved it, where Concord holds it'),
  reviewDueOn: z.string().nullable(),
  reviewedOn: z.string().nullable(),
});
const protocolSchema = z.object({
  title: z.string(),
  version: z.string(),
  approvedOn: z.string().nullable(),
  approvedBy: z.string(),
  inForceFrom: z.string().nullable(),
  reviewDueOn: z.string().nullable(),
  acknowledgedAt: z.string().nullable().describe('When the signed-in person acknowledged this version, if they have'),
  history: z.array(approvalSchema),
  coming: z.array(z.object({ version: z.string(), inForceFrom: z.string().nullable() })).describe('Approved versions that come into force later'),
  clauses: z.array(clauseSchema),
});

export const approvalView = (v: ApprovalRow) => ({
  version: v.version,
  approvedOn: v.approved_on,
  approvedBy: v.approved_by,
  summary: v.summary,
  inForceFrom: v.in_force_from ?? v.approved_on,
  resolution: v.resolution_id ? { id: v.resolution_id, minuteNumber: v.resolution_minute ?? '' } : null,
  reviewDueOn: v.review_due_on,
  reviewedOn: v.reviewed_on,
});

/** The protocol in force today: the page is public, the API for signed-in people. */
export async function protocolRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  const load = (req: FastifyRequest) =>
    req.tx(async (trx) => {
      const protocol = await currentProtocol(trx, fastify.concord.appliedAt, req.locale, req.today);
      const acknowledgedAt = req.principal && protocol.current ? await hasAcknowledged(trx, protocol.current.id, req.principal.personId) : null;
      return { ...protocol, acknowledgedAt };
    });

  // The adopted protocol is a public document of the council: anyone may read it, signed in
  // or not, including a former councillor told which clause keeps them out. How Concord
  // applies each clause is for the people who use it, not part of the council's document.
  app.get('/protocol', async (req, reply) => {
    if (req.principal) req.authorize('protocol.read');
    const protocol = await load(req);
    const clauses = protocol.clauses.map((clause) => ({
      ...clause,
      // A place is a link only for someone who may go there; for others it is named, not linked.
      appliedAt: clause.appliedAt.map((place) => ({ ...place, usable: req.allows(place.action) })),
    }));
    const current = protocol.current;
    return reply.view('protocol/views/protocol.njk', {
      title: req.t('protocol.title'),
      section: 'protocol',
      ...protocol,
      clauses,
      showApplied: req.allows('protocol.applied'),
      canAcknowledge: Boolean(current) && req.allows('protocol.acknowledge'),
      canDraft: req.allows('protocol.draft'),
      canSeeAcknowledgements: req.allows('protocol.acknowledgements'),
      canSeeHealth: Boolean(req.principal) && req.allows('protocol.healthReport'),
      canSeeResolutions: req.allows('resolution.view'),
      reviewOverdue: Boolean(current?.review_due_on && current.review_due_on < req.today),
      // For everyone signed in: the safeguards applied from the model protocol, which a refusal
      // may cite and link to here; for those who keep the protocol, to adopt at its review.
      baseline: req.principal ? baselineClausesNotAdopted(req.clauses!, req.locale) : [],
    });
  });

  // The same document as a PDF, in the council's own numbering, with its approval record: what
  // a council files and circulates. Public, like the page.
  app.get('/protocol.pdf', async (req, reply) => {
    if (req.principal) req.authorize('protocol.read');
    const { current, history, clauses } = await load(req);
    const t = req.t;
    const council = req.councilOrThrow();
    if (!current) return reply.status(404).view('protocol/views/protocol.njk', { title: t('protocol.title'), section: 'protocol', current: undefined, history: [], coming: [], clauses: [] });
    const date = (iso: string | null) => (iso ? longDate(iso, req.locale) : '');
    // As the page: the council and the version in force, each clause under its own number and
    // heading, then the approval record.
    const blocks: PdfBlock[] = [
      { kind: 'paragraph', text: councilNameIn(req.t, council) },
      { kind: 'paragraph', text: [t('protocol.version', { version: current.version }), current.approved_on ? t('protocol.approved', { date: date(current.approved_on), by: current.approved_by }) : ''].filter(Boolean).join(' · ') },
      ...(current.review_due_on ? [{ kind: 'paragraph' as const, text: t('protocol.reviewDue', { date: date(current.review_due_on) }) }] : []),
    ];
    for (const c of clauses) {
      // A clause the council has only in English keeps its own language in a Welsh document.
      const language = c.lang === req.locale ? undefined : languageTag(c.lang);
      blocks.push({ kind: 'heading', level: 2, text: `${c.number} ${c.heading}`, language });
      for (const paragraph of c.body.split(/\n\s*\n/)) if (paragraph.trim()) blocks.push({ kind: 'paragraph', text: paragraph.trim(), language });
    }
    if (history.length) {
      blocks.push({ kind: 'heading', level: 2, text: t('protocol.history') });
      blocks.push({
        kind: 'list',
        items: history.map((v) => {
          const by = v.resolution_minute ? `${v.approved_by}, ${t('protocol.history.minute', { minute: v.resolution_minute })}` : v.approved_by;
          const summary = [v.summary, v.reviewed_on ? t('protocol.history.reviewed', { date: date(v.reviewed_on) }) : ''].filter(Boolean).join(' ');
          return { text: `${t('protocol.version', { version: v.version })} · ${date(v.approved_on)} · ${by}`, details: summary ? [summary] : [] };
        }),
      });
    }
    const pdf = await writePdf({ title: current.title, author: councilNameIn(req.t, council), language: languageTag(req.locale), blocks });
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="protocol-version-${current.version.replace(/[^\w.-]/g, '')}.pdf"`)
      .send(Buffer.from(pdf));
  });

  app.get(
    '/api/v1/protocol',
    { schema: { tags: ['protocol'], summary: 'The council’s protocol in force today, clause by clause, with its approval record', response: { 200: protocolSchema, 404: z.any() } } },
    async (req, reply) => {
      req.authorize('protocol.read');
      const { current, history, coming, clauses, acknowledgedAt } = await load(req);
      if (!current) return reply.status(404).send({ error: { id: 'no_protocol', message: req.t('protocol.none') } });
      return {
        title: current.title,
        version: current.version,
        approvedOn: current.approved_on,
        approvedBy: current.approved_by,
        inForceFrom: current.in_force_from ?? current.approved_on,
        reviewDueOn: current.review_due_on,
        acknowledgedAt: acknowledgedAt ? acknowledgedAt.toISOString() : null,
        history: history.map(approvalView),
        coming: coming.map((v) => ({ version: v.version, inForceFrom: v.in_force_from })),
        clauses: clauses.map((c) => ({ number: c.number, heading: c.heading, text: c.body, summary: c.summary, kind: c.kind, rules: c.rules, applied: c.applied })),
      };
    },
  );
}
