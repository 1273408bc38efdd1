import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { audit } from '../audit/audit.js';
import { checkUpload, isUploadedFile, parseMultipart } from '../documents/files.js';
import { asList, checkbox, parseInput, toFormErrors, type FormErrors } from '../web/forms.js';
import { labelled, labelsOf, readForm } from '../web/form.js';
import { optionalText } from '../web/schemas.js';
import { z } from 'zod';
import { DomainError, InvalidInputError, type FieldError } from '../web/errors.js';
import { RULE_IDS } from './types.js';
import { splitClauses, suggestRules, type SuggestedClause } from './import.js';
import { textOfDocx, textOfPdf } from './import-files.js';
import { CLAUSE_KINDS, clauseInput, draftVersion, replaceDraftClauses, startDraft, type ClauseInput } from './versions.js';

/** The most text a pasted protocol may hold: the longest seed protocol is a tenth of this. */
const MAX_TEXT = 500_000;
/** The most clauses one import confirms, as the API's replace allows. */
const MAX_CLAUSES = 500;

/** The first form: pasted text (a file, when chosen, is read instead). */
const importInput = z.object({ text: labelled(optionalText(MAX_TEXT), 'protocol.import.text') });
/** The review form: how many clauses it holds, and where they were read from; each clause's fields are named by its place ("number-3"). */
const reviewInput = z.object({
  count: labelled(z.coerce.number().int().min(0).max(MAX_CLAUSES).default(0), 'protocol.import.review.title'),
  source: labelled(optionalText(255), 'protocol.import.file'),
});

/** A one-line summary to start from: the clause's first sentence, as refusals quote it. */
function summaryOf(text: string): string {
  const first = /^(.+?[.;:])(\s|$)/.exec(text)?.[1] ?? text;
  return first.length <= 500 ? first : `${first.slice(0, 499).trimEnd()}…`;
}

/** A clause on the review page: what was read and suggested, or what the Clerk changed it to. */
interface ReviewClause {
  keep: boolean;
  number: string;
  heading: string;
  text: string;
  summary: string;
  kind: string;
  rules: string[];
  like: string | null;
}

const fromSuggestion = (c: SuggestedClause): ReviewClause => ({ keep: true, number: c.number, heading: c.heading, text: c.text, summary: summaryOf(c.text), kind: c.kind, rules: c.rules, like: c.like });

/**
 * Importing the council's own protocol: the Clerk pastes its text or uploads it as Word or
 * PDF; Concord splits it into clauses and suggests each one's kind and rules; the Clerk
 * confirms or changes each, and the clauses become a new draft version, which (like any
 * draft) changes nothing until the council approves it by a resolution.
 */
export async function protocolImportRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const maxUploadMb = app.concord.services.config.maxUploadMb;
  const maxBytes = maxUploadMb * 1024 * 1024;

  // As for documents: a multipart body is parsed whole, after the sender is known to be allowed to send it.
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: maxBytes + 1024 * 1024 }, async (req: FastifyRequest, body: Buffer) =>
    parseMultipart(String(req.headers['content-type']), body),
  );
  app.addHook('preParsing', async (req) => {
    if (String(req.headers['content-type'] ?? '').startsWith('multipart/')) req.authorize('protocol.draft');
  });
  app.setErrorHandler(async (error: FastifyError, req, reply) => {
    if (!req.principal || req.url.startsWith('/api/')) throw error;
    if (error instanceof InvalidInputError) return startPage(req, reply.status(400), { errors: toFormErrors(error.fieldsIn(req.t)) });
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return startPage(req, reply.status(413), { errors: toFormErrors([{ field: 'file', message: req.t('documents.upload.error.tooLarge', { max: maxUploadMb }) }]) });
    throw error;
  });

  const startPage = async (req: FastifyRequest, reply: FastifyReply, data: { errors?: FormErrors; text?: string } = {}) =>
    reply.view('protocol/views/import.njk', { title: req.t('protocol.import.title'), section: 'protocol', maxUploadMb, draft: await req.tx(draftVersion), ...data });

  const reviewPage = (req: FastifyRequest, reply: FastifyReply, data: { clauses: ReviewClause[]; source: string; errors?: FormErrors }) =>
    reply.view('protocol/views/import-review.njk', {
      title: req.t('protocol.import.review.title'),
      section: 'protocol',
      kinds: CLAUSE_KINDS,
      ruleIds: RULE_IDS,
      ...data,
    });

  app.get('/protocol/import', async (req, reply) => {
    req.authorize('protocol.draft');
    return startPage(req, reply);
  });

  /** The text to import: from the file if one was chosen (Word or PDF, checked by its content), else as pasted. */
  const readText = async (req: FastifyRequest): Promise<{ text: string; source: string } | { errors: FieldError[] }> => {
    const read = readForm(req, importInput);
    const file = isUploadedFile(read.values.file) && !(read.values.file.name === '' && read.values.file.bytes.length === 0) ? read.values.file : undefined;
    if (file) {
      const checked = await checkUpload(file, { maxBytes, confidential: false });
      if (!checked.ok) return { errors: new InvalidInputError(checked.errors).fieldsIn(req.t) };
      const { mediaType, bytes, fileName } = checked.file;
      const reader = mediaType === 'application/pdf' ? textOfPdf : mediaType.includes('wordprocessingml') ? textOfDocx : undefined;
      if (!reader) return { errors: [{ field: 'file', message: req.t('protocol.import.error.type') }] };
      try {
        return { text: await reader(bytes), source: fileName };
      } catch {
        return { errors: [{ field: 'file', message: req.t('documents.upload.error.damaged') }] };
      }
    }
    if (!read.ok) return { errors: read.errors.summary.map((e) => ({ field: e.href.slice(1), message: e.text })) };
    if (!read.value.text.trim()) return { errors: [{ field: 'text', message: req.t('protocol.import.error.nothing') }] };
    return { text: read.value.text, source: req.t('protocol.import.pasted') };
  };

  app.post('/protocol/import', { config: { authorize: 'protocol.draft' } }, async (req, reply) => {
    const read = await readText(req);
    if ('errors' in read) {
      const typed = readForm(req, importInput).values.text;
      return startPage(req, reply.status(400), { errors: toFormErrors(read.errors), text: typeof typed === 'string' ? typed : '' });
    }
    const clauses = suggestRules(splitClauses(read.text)).slice(0, MAX_CLAUSES);
    if (!clauses.length) return startPage(req, reply.status(400), { errors: toFormErrors([{ field: 'text', message: req.t('protocol.import.error.noClauses') }]) });
    return reviewPage(req, reply, { clauses: clauses.map(fromSuggestion), source: read.source });
  });

  app.post('/protocol/import/confirm', { config: { authorize: 'protocol.draft' } }, async (req, reply) => {
    const read = readForm(req, reviewInput);
    const body = read.values;
    const count = read.ok ? read.value.count : 0;
    const source = read.ok ? read.value.source : '';
    const field = (name: string, i: number) => (typeof body[`${name}-${i}`] === 'string' ? String(body[`${name}-${i}`]) : '');
    const posted: ReviewClause[] = Array.from({ length: count }, (_, i) => ({
      keep: checkbox(body[`keep-${i}`]),
      number: field('number', i),
      heading: field('heading', i),
      text: field('text', i),
      summary: field('summary', i),
      kind: field('kind', i),
      rules: asList(body[`rules-${i}`]),
      like: field('like', i) || null,
    }));
    // Each kept clause is checked as the clause form checks one; an error names the clause and its field.
    const errors: FieldError[] = [];
    const confirmed: { index: number; clause: ClauseInput }[] = [];
    posted.forEach((c, i) => {
      if (!c.keep) return;
      const parsed = parseInput(clauseInput, { number: c.number, heading: c.heading, text: c.text, summary: c.summary, kind: c.kind || undefined, rules: c.rules }, req.t, labelsOf(clauseInput));
      if (parsed.ok) confirmed.push({ index: i, clause: parsed.value });
      else for (const e of parsed.errors) errors.push({ field: `${e.field}-${i}`, message: req.t('protocol.import.error.clause', { number: c.number || String(i + 1), message: e.message }) });
    });
    if (!errors.length && !confirmed.length) errors.push({ field: 'keep-0', message: req.t('protocol.import.error.noneKept') });
    const again = (fields: FieldError[]) => reviewPage(req, reply.status(400), { clauses: posted, source, errors: toFormErrors(fields) });
    if (errors.length) return again(errors);
    try {
      const draft = await req.tx(async (trx) => {
        if (await draftVersion(trx)) throw new DomainError('draft_exists', 'protocol.draft.exists', {}, { status: 409 });
        const user = req.user();
        const councilId = req.councilOrThrow().id;
        const started = await startDraft(trx, councilId, user, req.today);
        await replaceDraftClauses(trx, councilId, user, confirmed.map((c) => c.clause));
        await audit(trx, { councilId, actorId: user.personId, action: 'protocol.imported', entityType: 'protocol_version', entityId: started.id, data: { source, clauses: confirmed.length, left: posted.length - confirmed.length } });
        return started;
      });
      return reply.to('/protocol/draft', `protocol.import.done|${JSON.stringify({ version: draft.version, n: confirmed.length })}`);
    } catch (error) {
      if (error instanceof InvalidInputError) {
        // The service names a clause by its place among those kept ("clauses.2.number"); the page by its place on the page.
        return again(
          error.fieldsIn(req.t).map((e) => {
            const m = /^clauses\.(\d+)\.(.+)$/.exec(e.field);
            const index = m ? confirmed[Number(m[1])]?.index : undefined;
            return index === undefined ? e : { field: `${m![2]}-${index}`, message: req.t('protocol.import.error.clause', { number: posted[index]!.number, message: e.message }) };
          }),
        );
      }
      if (error instanceof DomainError) return again([{ field: 'keep-0', message: req.t(error.key, error.vars) }]);
      throw error;
    }
  });
}
