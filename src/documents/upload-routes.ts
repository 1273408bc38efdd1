import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { longDate } from '../web/render.js';
import { readForm } from '../web/form.js';
import { toFormErrors, type FormErrors } from '../web/forms.js';
import { apiError } from '../web/error-handler.js';
import { InvalidInputError, type FieldError } from '../web/errors.js';
import { apiErrorSchema } from '../web/schemas.js';
import { attachDocument, itemsToAttachTo } from '../meetings/papers.js';
import { bodyName } from '../meetings/service.js';
import { checkUpload, isUploadedFile, parseMultipart } from './files.js';
import { createDocument, documentInput, findDocument, listMatters } from './service.js';
import { documentView, presentDocument } from './present.js';

/**
 * Uploads: a file and what it is (its classification, matters, and the agenda item it is a
 * paper for), checked by content and stored whole or not at all. Only these routes accept
 * multipart bodies, parsed whole in the parsing phase, so the app-wide CSRF check (which runs
 * before any route's own hooks) reads the form's `_csrf` field like any other form's.
 */
export async function uploadRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const maxUploadMb = app.concord.services.config.maxUploadMb;
  const maxBytes = maxUploadMb * 1024 * 1024;

  // The size limit is enforced while reading.
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: maxBytes + 1024 * 1024 }, async (req: FastifyRequest, body: Buffer) =>
    parseMultipart(String(req.headers['content-type']), body),
  );
  // An upload is refused before its body is read: no one unauthorised makes the server take in a file.
  app.addHook('preParsing', async (req) => {
    if (!String(req.headers['content-type'] ?? '').startsWith('multipart/')) return;
    req.authorize(req.routeOptions.config.authorize ?? 'document.upload');
  });
  app.setErrorHandler(async (error: FastifyError, req, reply) => {
    // A body that could not be read as a form comes back to the page as the form, with the error by the file field.
    if (error instanceof InvalidInputError && req.principal && !req.url.startsWith('/api/')) {
      return uploadForm(req, reply.status(400), { errors: toFormErrors(error.fieldsIn(req.t)), values: {} });
    }
    if (error.code !== 'FST_ERR_CTP_BODY_TOO_LARGE' || !req.principal) throw error;
    const message = req.t('documents.upload.error.tooLarge', { max: maxUploadMb });
    if (req.url.startsWith('/api/')) return reply.status(413).send(apiError('file_too_large', message, { fields: [{ field: 'file', message }] }));
    return uploadForm(req, reply.status(413), { errors: toFormErrors([{ field: 'file', message }]), values: {} });
  });

  const uploadForm = async (req: FastifyRequest, reply: FastifyReply, data: { errors?: FormErrors; values: Record<string, unknown> }) => {
    const [matters, items] = await req.tx(async (trx) => [await listMatters(trx), await itemsToAttachTo(trx, req.today)] as const);
    return reply.view('documents/views/new.njk', {
      title: req.t('documents.upload.title'),
      section: 'documents',
      matters,
      agendaItems: items.map(({ meeting, item }) => ({
        id: item.id,
        label: req.t('documents.field.agendaItem.option', { meeting: req.t('meetings.meetingTitle', { body: bodyName(meeting, req.t), date: longDate(meeting.meeting_date, req.locale) }), number: item.position, title: item.title }),
      })),
      maxUploadMb,
      canConfidential: req.allows('document.upload', { kind: 'document', classification: 'confidential', matterIds: [], recipientIds: [], meetingDates: [] }),
      ...data,
    });
  };

  app.get('/documents/new', async (req, reply) => {
    req.authorize('document.upload');
    return uploadForm(req, reply, { values: { classification: 'internal' } });
  });

  /** One upload, for the page and the API alike: check everything, then store it whole or not at all. */
  const upload = async (req: FastifyRequest, reply: FastifyReply, api: boolean) => {
    const read = readForm(req, documentInput);
    if (read.ok) req.authorize('document.upload', { kind: 'document', classification: read.value.classification, matterIds: [], recipientIds: [], meetingDates: [] });
    const file = isUploadedFile(read.values.file) ? read.values.file : undefined;
    const checked = await checkUpload(file, { maxBytes, confidential: read.ok && read.value.classification === 'confidential' });
    const fail = (fields: readonly FieldError[]) => {
      if (api) throw new InvalidInputError(fields);
      return uploadForm(req, reply.status(400), { errors: toFormErrors(fields), values: { ...read.values, file: undefined } });
    };
    const fileErrors = checked.ok ? [] : new InvalidInputError(checked.errors).fieldsIn(req.t);
    if (!read.ok || !checked.ok) return fail([...(read.ok ? [] : read.errors.summary.map((s) => ({ field: s.href.slice(1), message: s.text }))), ...fileErrors]);
    const input = read.value;
    let documentId: string;
    try {
      documentId = await req.tx(async (trx) => {
        const id = await createDocument(trx, req.user(), input, checked.file);
        if (input.agendaItemId) await attachDocument(trx, req.user(), input.agendaItemId, { id, title: input.title, classification: input.classification });
        return id;
      });
    } catch (error) {
      if (error instanceof InvalidInputError) return fail(error.fieldsIn(req.t));
      throw error;
    }
    if (api) {
      const doc = await req.tx((trx) => findDocument(trx, documentId));
      return reply.status(201).send(presentDocument(req, doc!));
    }
    return reply.to(`/documents/${documentId}`, `documents.uploaded|${JSON.stringify({ title: input.title })}`);
  };

  app.post('/documents/new', { config: { authorize: 'document.upload' } }, async (req, reply) => upload(req, reply, false));

  app.post(
    '/api/v1/documents',
    {
      config: { authorize: 'document.upload' },
      schema: {
        tags: ['documents'],
        summary: 'Upload a document (multipart/form-data: file, title, classification, matterIds, agendaItemId…; CSRF token in x-csrf-token)',
        description: 'The file’s type is read from its content and must match its name. Refused for councillors; only the Clerk adds confidential papers. With agendaItemId it becomes that item’s paper.',
        response: { 201: documentView, 400: apiErrorSchema, 403: apiErrorSchema, 413: apiErrorSchema },
      },
    },
    async (req, reply) => upload(req, reply, true),
  );
}
