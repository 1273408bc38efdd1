import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { readForm } from '../web/form.js';
import { InvalidInputError } from '../web/errors.js';
import { parseInput, toFormErrors, type FormErrors } from '../web/forms.js';
import { apiErrorSchema } from '../web/schemas.js';
import { idFromPath, orNotFound } from '../web/pages.js';
import { findDocument, issueConfidential, possibleRecipients, recipientsInput } from './service.js';
import { showPage } from './present.js';

/** Confidential papers, issued by the Clerk to named people; a councillor with an interest in their matter cannot be sent one. */
export async function confidentialRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  const issue = async (req: FastifyRequest, recipients: readonly string[]) => {
    const documentId = idFromPath(req.params);
    return req.tx(async (trx) => issueConfidential(trx, req.user(), req.clauses!, req.today, orNotFound(await findDocument(trx, documentId)), recipients));
  };

  app.post('/documents/:id/recipients', { config: { authorize: 'document.issue' } }, async (req, reply) => {
    const read = readForm(req, recipientsInput);
    const documentId = idFromPath(req.params);
    const showAgain = async (errors: FormErrors) => {
      const { doc, recipients } = await req.tx(async (trx) => ({ doc: orNotFound(await findDocument(trx, documentId)), recipients: await possibleRecipients(trx, req.today) }));
      return showPage(req, reply.status(400), doc, recipients, { errors, values: { recipients: read.values.recipients } });
    };
    if (!read.ok) return showAgain(read.errors);
    try {
      const added = await issue(req, read.value.recipients);
      return reply.to(`/documents/${documentId}`, `documents.issued|${JSON.stringify({ names: added.join(', ') || '—' })}`);
    } catch (error) {
      if (error instanceof InvalidInputError) return showAgain(toFormErrors(error.fieldsIn(req.t)));
      throw error;
    }
  });

  app.post(
    '/api/v1/documents/:id/recipients',
    {
      config: { authorize: 'document.issue' },
      schema: {
        tags: ['documents'],
        summary: 'Issue a confidential paper to named people (the Clerk)',
        body: z.object({ recipients: z.array(z.string()) }),
        response: { 200: z.object({ issuedTo: z.array(z.string()) }), 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (req) => {
      const parsed = parseInput(recipientsInput, req.body, req.t);
      if (!parsed.ok) throw new InvalidInputError(parsed.errors);
      return { issuedTo: await issue(req, parsed.value.recipients) };
    },
  );
}
