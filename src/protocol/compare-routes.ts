import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Trx } from '../db/database.js';
import { DomainError } from '../web/errors.js';
import { apiErrorSchema } from '../web/schemas.js';
import { compareProtocols, type ComparableClause } from './compare.js';
import { templates, findTemplate } from './templates/index.js';
import { clausesOf, draftVersion, versionInForce } from './versions.js';

const comparedClause = z.object({ number: z.string(), heading: z.string(), text: z.string(), kind: z.string(), rules: z.array(z.string()) }).nullable();
const comparisonView = z.object({
  from: z.string(),
  to: z.string(),
  counts: z.object({ added: z.number(), removed: z.number(), renumbered: z.number(), changed: z.number(), unchanged: z.number() }),
  rulesAdded: z.array(z.string()).describe('Rules some clause carries in `to` and none in `from`'),
  rulesRemoved: z.array(z.string()).describe('Rules no clause of `to` carries any more'),
  clauses: z.array(
    z.object({
      status: z.enum(['added', 'removed', 'renumbered', 'changed', 'unchanged']),
      from: comparedClause,
      to: comparedClause,
      reworded: z.boolean(),
      kindChanged: z.boolean(),
      rulesAdded: z.array(z.string()),
      rulesRemoved: z.array(z.string()),
      words: z.array(z.object({ value: z.string(), change: z.enum(['same', 'added', 'removed']) })).describe('The text word by word, marked where it changed'),
    }),
  ),
});
const compareQuery = z.object({
  from: z.string().max(60).optional().describe('A version number, "draft", or "template:<key>"; the version in force when not given'),
  to: z.string().max(60).optional().describe('The same; the draft (or else the version in force) when not given'),
});

/** What can be compared: every approved version holding its text, the draft for the Clerk, and the templates. */
async function choices(trx: Trx, withDraft: boolean) {
  const versions = await trx
    .selectFrom('protocol_versions as v')
    .select(['v.version', 'v.status'])
    .where((eb) => eb.exists(eb.selectFrom('protocol_clauses as c').select('c.id').whereRef('c.version_id', '=', 'v.id')))
    .orderBy('v.created_at')
    .execute();
  return [
    ...versions.filter((v) => v.status === 'approved').map((v) => ({ value: v.version, kind: 'version' as const, label: v.version })),
    ...(withDraft && versions.some((v) => v.status === 'draft') ? [{ value: 'draft', kind: 'draft' as const, label: 'draft' }] : []),
    ...templates.map((t) => ({ value: `template:${t.key}`, kind: 'template' as const, label: t.council.name })),
  ];
}

async function clausesFor(req: FastifyRequest, trx: Trx, source: string, field: 'from' | 'to'): Promise<ComparableClause[]> {
  if (source.startsWith('template:')) {
    const template = findTemplate(source.slice('template:'.length));
    if (!template) throw new DomainError('unknown_source', 'protocol.compare.unknown', {}, { field });
    return template.clauses.map((c) => ({ number: c.number, heading: c.heading, text: c.text, kind: c.kind, rules: c.rules }));
  }
  let versionId: string | undefined;
  if (source === 'draft') {
    // A draft is the Clerk's until the council approves it.
    req.authorize('protocol.draft');
    versionId = (await draftVersion(trx))?.id;
  } else {
    versionId = (await trx.selectFrom('protocol_versions').select('id').where('version', '=', source).where('status', '=', 'approved').executeTakeFirst())?.id;
  }
  if (!versionId) throw new DomainError('unknown_source', 'protocol.compare.unknown', {}, { field });
  return (await clausesOf(trx, versionId)).map((c) => ({ number: c.number, heading: c.heading, text: c.body, kind: c.kind, rules: c.rules }));
}

/** Any two versions, or the council's protocol and a template, compared clause by clause. */
export async function protocolCompareRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  const compare = (req: FastifyRequest, query: z.infer<typeof compareQuery>) =>
    req.tx(async (trx) => {
      const inForce = await versionInForce(trx, req.today);
      const draft = req.allows('protocol.draft') ? await draftVersion(trx) : undefined;
      const from = query.from || inForce?.version || '';
      const to = query.to || (draft ? 'draft' : inForce?.version) || '';
      const result = compareProtocols(await clausesFor(req, trx, from, 'from'), await clausesFor(req, trx, to, 'to'));
      return { from, to, ...result, choices: await choices(trx, req.allows('protocol.draft')) };
    });

  app.get('/protocol/compare', { schema: { querystring: compareQuery } }, async (req, reply) => {
    req.authorize('protocol.read');
    const result = await compare(req, req.query);
    const nameOf = (value: string) => {
      if (value === 'draft') return req.t('protocol.compare.draft');
      const template = result.choices.find((c) => c.kind === 'template' && c.value === value);
      return template ? req.t('protocol.compare.template', { name: template.label }) : req.t('protocol.version', { version: value });
    };
    const names = Object.fromEntries([...result.choices.map((c) => c.value), result.from, result.to].map((v) => [v, nameOf(v)]));
    return reply.view('protocol/views/compare.njk', { title: req.t('protocol.compare.title'), section: 'protocol', ...result, names });
  });

  app.get(
    '/api/v1/protocol/compare',
    { schema: { tags: ['protocol'], summary: 'Two versions, or the protocol and a template, compared clause by clause', querystring: compareQuery, response: { 200: comparisonView, 400: apiErrorSchema, 403: apiErrorSchema } } },
    async (req) => {
      req.authorize('protocol.read');
      const { choices: _choices, ...result } = await compare(req, req.query);
      const plain = (c: ComparableClause | null) => (c ? { ...c, rules: [...c.rules] } : null);
      return { ...result, clauses: result.clauses.map((c) => ({ ...c, from: plain(c.from), to: plain(c.to) })) };
    },
  );
}
