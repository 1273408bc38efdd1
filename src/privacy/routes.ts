import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { languageTag } from '../i18n/format.js';
import { audit } from '../audit/audit.js';
import { submitForm } from '../web/form.js';
import { DomainError, NotFoundError } from '../web/errors.js';
import { assemblePersonalData, personalDataPdf, type PersonalDataArchive } from './export.js';
import { extendInput, extendRequest, getRequest, listRequests, markSent, recordRequest, requestInput, sentInput } from './service.js';

const requestId = (req: FastifyRequest): string => {
  const id = (req.params as { id: string }).id;
  if (!z.uuid().safeParse(id).success) throw new NotFoundError();
  return id;
};

/** Subject access requests (the Clerk's), and a person's own download of their data (SPEC R18). */
export async function privacyRoutes(app: FastifyInstance): Promise<void> {
  const now = () => app.concord.services.clock();

  app.get('/privacy', { config: { authorize: 'privacy.manage' } }, async (req, reply) => {
    const requests = await req.tx((trx) => listRequests(trx, req.today));
    return reply.view('privacy/views/list.njk', { title: req.t('privacy.title'), section: 'privacy', requests });
  });

  const newForm = async (req: FastifyRequest, reply: FastifyReply, data: Record<string, unknown> = {}) => {
    const people = await req.tx((trx) => trx.selectFrom('people').select(['id', 'name', 'active']).orderBy('name').execute());
    return reply.view('privacy/views/new.njk', { title: req.t('privacy.new.title'), section: 'privacy', people, values: {}, ...data });
  };
  app.get('/privacy/requests/new', { config: { authorize: 'privacy.manage' } }, async (req, reply) => newForm(req, reply));
  app.post('/privacy/requests/new', { config: { authorize: 'privacy.manage' } }, async (req, reply) =>
    submitForm(req, reply, {
      schema: requestInput,
      save: (trx, value) => recordRequest(trx, req.user(), value, now(), req.today),
      redisplay: (r, form) => newForm(req, r, form),
      done: (r) => ({ path: `/privacy/requests/${r.id}`, flash: `privacy.recorded|${JSON.stringify({ deadline: { date: r.deadline } })}` }),
    }),
  );

  const casePage = async (req: FastifyRequest, reply: FastifyReply, id: string, data: Record<string, unknown> = {}) => {
    const request = await req.tx((trx) => getRequest(trx, id, req.today));
    return reply.view('privacy/views/case.njk', { title: req.t('privacy.case.title', { who: request.who }), section: 'privacy', request, values: {}, ...data });
  };
  app.get('/privacy/requests/:id', { config: { authorize: 'privacy.manage' } }, async (req, reply) => casePage(req, reply, requestId(req)));

  app.post('/privacy/requests/:id/extend', { config: { authorize: 'privacy.manage' } }, async (req, reply) => {
    const id = requestId(req);
    return submitForm(req, reply, {
      schema: extendInput,
      save: (trx, value) => extendRequest(trx, req.user(), id, value, now(), req.today),
      redisplay: (r, form) => casePage(req, r, id, { ...form, extendTried: true }),
      done: (r) => ({ path: `/privacy/requests/${id}`, flash: `privacy.extended|${JSON.stringify({ deadline: { date: r.deadline } })}` }),
    });
  });

  app.post('/privacy/requests/:id/sent', { config: { authorize: 'privacy.manage' } }, async (req, reply) => {
    const id = requestId(req);
    return submitForm(req, reply, {
      schema: sentInput,
      save: (trx, value) => markSent(trx, req.user(), id, value.sentOn, req.today),
      redisplay: (r, form) => casePage(req, r, id, form),
      done: () => ({ path: `/privacy/requests/${id}`, flash: 'privacy.markedSent' }),
    });
  });

  /** The Clerk's copy, with the sections to review; its download is logged, not its content. */
  const clerksArchive = (req: FastifyRequest, format: 'json' | 'pdf') =>
    req.tx(async (trx) => {
      const id = requestId(req);
      const request = await getRequest(trx, id, req.today);
      if (!request.person_id) throw new DomainError('privacy_no_person', 'privacy.error.noPerson', {}, { status: 404 });
      const archive = await assemblePersonalData(trx, req.councilOrThrow().id, request.person_id, { withoutReview: false, now: now(), reader: { allows: req.allows.bind(req) }, collect: app.concord.personalData });
      await audit(trx, { councilId: req.councilOrThrow().id, actorId: req.user().personId, action: 'privacy.archive_exported', entityType: 'subject_access_request', entityId: id, data: { format } });
      return archive;
    });

  const sendJson = (reply: FastifyReply, archive: PersonalDataArchive, name: string) =>
    reply.header('content-type', 'application/json; charset=utf-8').header('content-disposition', `attachment; filename="${name}.json"`).send(JSON.stringify(archive, null, 2));

  app.get('/privacy/requests/:id/archive.json', { config: { authorize: 'privacy.manage' } }, async (req, reply) => sendJson(reply, await clerksArchive(req, 'json'), `personal-data-${requestId(req)}`));

  app.get('/privacy/requests/:id/archive.pdf', { config: { authorize: 'privacy.manage' } }, async (req, reply) => {
    const archive = await clerksArchive(req, 'pdf');
    const pdf = await personalDataPdf(archive, req.t, languageTag(req.locale));
    return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="personal-data-${requestId(req)}.pdf"`).send(Buffer.from(pdf));
  });

  // A person's own data, from their account page: the same export, without what the Clerk must review first.
  app.get('/account/my-data.json', { config: { authorize: 'privacy.export_own' } }, async (req, reply) => {
    const me = req.user();
    const archive = await req.tx(async (trx) => {
      const a = await assemblePersonalData(trx, me.councilId, me.personId, { withoutReview: true, now: now(), reader: { allows: req.allows.bind(req) }, collect: app.concord.personalData });
      await audit(trx, { councilId: me.councilId, actorId: me.personId, action: 'privacy.own_data_downloaded', entityType: 'person', entityId: me.personId, data: {} });
      return a;
    });
    return sendJson(reply, archive, 'my-data');
  });
}
