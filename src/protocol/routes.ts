import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { baselineClausesNotAdopted, currentProtocol } from './service.js';

const clauseSchema = z.object({
  number: z.string(),
  heading: z.string(),
  text: z.string(),
  summary: z.string(),
  kind: z.enum(['enforced', 'routed', 'recorded', 'guidance']),
  rules: z.array(z.string()),
  applied: z.boolean().describe('Whether Concord applies every rule this clause carries'),
});
const protocolSchema = z.object({
  title: z.string(),
  version: z.string(),
  approvedOn: z.string().nullable(),
  approvedBy: z.string(),
  history: z.array(z.object({ version: z.string(), approvedOn: z.string().nullable(), approvedBy: z.string(), summary: z.string() })),
  clauses: z.array(clauseSchema),
});

/** The adopted protocol: the page is public, the API for signed-in people. */
export async function protocolRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  // The adopted protocol is a public document of the council: anyone may read it, signed in
  // or not, including a former councillor told which clause keeps them out.
  app.get('/protocol', async (req, reply) => {
    if (req.principal) req.authorize('protocol.read');
    const protocol = await req.tx((trx) => currentProtocol(trx, fastify.concord.appliedAt, req.locale));
    const clauses = protocol.clauses.map((clause) => ({
      ...clause,
      // A place is a link only for someone who may go there; for others it is named, not linked.
      appliedAt: clause.appliedAt.map((place) => ({ ...place, usable: req.allows(place.action) })),
    }));
    // For those who keep the protocol: the safeguards applied from the model protocol, to adopt at its review.
    const baseline = req.principal && req.allows('council.configure') ? baselineClausesNotAdopted(req.clauses!, req.locale) : [];
    return reply.view('protocol/views/protocol.njk', { title: req.t('protocol.title'), section: 'protocol', ...protocol, clauses, baseline });
  });

  app.get(
    '/api/v1/protocol',
    { schema: { tags: ['protocol'], summary: 'The council’s current protocol, clause by clause', response: { 200: protocolSchema, 404: z.any() } } },
    async (req, reply) => {
      req.authorize('protocol.read');
      const { current, history, clauses } = await req.tx((trx) => currentProtocol(trx, fastify.concord.appliedAt, req.locale));
      if (!current) return reply.status(404).send({ error: { id: 'no_protocol', message: req.t('protocol.none') } });
      return {
        title: current.title,
        version: current.version,
        approvedOn: current.approved_on,
        approvedBy: current.approved_by,
        history: history.map((v) => ({ version: v.version, approvedOn: v.approved_on, approvedBy: v.approved_by, summary: v.summary })),
        clauses: clauses.map((c) => ({ number: c.number, heading: c.heading, text: c.body, summary: c.summary, kind: c.kind, rules: c.rules, applied: c.applied })),
      };
    },
  );
}
