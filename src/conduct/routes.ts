import { languageTag } from '../i18n/format.js';
import { councilNameIn } from '../i18n/messages.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { writePdf, type PdfBlock } from '../web/pdf.js';
import { submitForm } from '../web/form.js';
import { dateParts } from '../web/forms.js';
import { idFromPath } from '../web/pages.js';
import { longDate } from '../web/render.js';
import { apiErrorSchema, idParams } from '../web/schemas.js';
import {
  acknowledge,
  acknowledgeInput,
  codeVersion,
  listCouncillors,
  listReferrals,
  myAcknowledgement,
  newCodeInput,
  outstanding,
  protocolNamesNolan,
  recordNewCode,
  refer,
  referralBody,
  referralInput,
  referralPack,
} from './service.js';

/**
 * The code of conduct (SPEC R12; I1.7, L3.2, C3.2): each person acknowledges the code in force
 * (and the Nolan principles where the protocol names them); the Clerk sees who has not; and a
 * complaint about a councillor is referred, with its pack, to the body the law names.
 */
export async function conductRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const now = () => app.concord.services.clock();

  const page = async (req: FastifyRequest, reply: FastifyReply, data: Record<string, unknown> = {}) => {
    const council = req.councilOrThrow();
    const user = req.user();
    const version = codeVersion(council);
    const oversees = req.allows('conduct.oversee');
    const { mine, nolan, missing } = await req.tx(async (trx) => ({ mine: await myAcknowledgement(trx, user, version), nolan: await protocolNamesNolan(trx), missing: oversees ? await outstanding(trx, version, req.today) : [] }));
    return reply.view('conduct/views/index.njk', { title: req.t('conduct.title'), section: 'conduct', version, mine, nolan, oversees, missing, canRefer: req.allows('conduct.refer'), values: {}, ...data });
  };

  app.get('/conduct', async (req, reply) => {
    req.authorize('conduct.acknowledge');
    return page(req, reply);
  });

  app.post('/conduct/acknowledge', async (req, reply) => {
    req.authorize('conduct.acknowledge');
    return submitForm(req, reply, {
      schema: acknowledgeInput,
      save: (trx, value) => acknowledge(trx, req.councilOrThrow(), req.user(), value, now()),
      redisplay: (r, f) => page(req, r, f),
      done: () => ({ path: '/conduct', flash: 'conduct.acknowledged' }),
    });
  });

  app.post('/conduct/code', async (req, reply) => {
    req.authorize('conduct.oversee');
    return submitForm(req, reply, {
      schema: newCodeInput,
      save: (trx, value) => recordNewCode(trx, req.councilOrThrow(), req.user(), value.version),
      redisplay: (r, f) => page(req, r, f),
      // The council is cached with its settings: the new code is in force at once.
      afterSave: () => req.server.concord.councils.invalidate(),
      done: () => ({ path: '/conduct', flash: 'conduct.newCode' }),
    });
  });

  const referrals = async (req: FastifyRequest, reply: FastifyReply, data: Record<string, unknown> = {}) => {
    const { list, councillors } = await req.tx(async (trx) => ({ list: await listReferrals(trx), councillors: await listCouncillors(trx) }));
    return reply.view('conduct/views/referrals.njk', { title: req.t('conduct.referrals.title'), section: 'conduct', list, councillors, to: referralBody(req.councilOrThrow()), values: { occurredOn: dateParts(req.today) }, ...data });
  };

  app.get('/conduct/referrals', async (req, reply) => {
    req.authorize('conduct.refer');
    return referrals(req, reply);
  });

  app.post('/conduct/referrals', async (req, reply) => {
    req.authorize('conduct.refer');
    return submitForm(req, reply, {
      schema: referralInput,
      save: (trx, value) => refer(trx, req.councilOrThrow(), req.user(), value, now()),
      redisplay: (r, { errors, values }) => referrals(req, r, { errors, values: { ...values, occurredOn: { day: values['occurredOn-day'], month: values['occurredOn-month'], year: values['occurredOn-year'] } } }),
      done: (r) => ({ path: '/conduct/referrals', flash: `conduct.referred.${r.to}` }),
    });
  });

  app.get('/conduct/referrals/:id/pack.pdf', async (req, reply) => {
    req.authorize('conduct.refer');
    const council = req.councilOrThrow();
    const p = await req.tx((trx) => referralPack(trx, council, idFromPath(req.params)));
    const t = req.t;
    const section = (heading: string, text: string): PdfBlock[] => [{ kind: 'heading', level: 2, text: heading }, { kind: 'paragraph', text }];
    const blocks: PdfBlock[] = [
      ...section(t(`conduct.to.${p.referred_to}`), [p.contact_name, p.contact_organisation, p.contact_email].filter(Boolean).join(', ')),
      ...section(t('conduct.field.councillor'), p.councillor_name),
      ...section(t('conduct.pack.dates'), t('conduct.pack.datesText', { occurred: longDate(p.occurred_on, t.locale), referred: longDate(new Date(p.referred_at).toISOString().slice(0, 10), t.locale) })),
      ...section(t('conduct.field.complainant'), p.complainant),
      ...section(t('conduct.field.complaint'), p.complaint),
      { kind: 'heading', level: 2, text: t('conduct.pack.code', { version: p.codeVersion }) },
      ...p.clauses.flatMap((c): PdfBlock[] => [{ kind: 'heading', level: 3, text: `${c.number} ${c.heading}` }, { kind: 'paragraph', text: c.body }]),
      { kind: 'heading', level: 2, text: t('conduct.pack.register') },
      p.register.length
        ? { kind: 'list', items: p.register.map((i) => (i.sensitive ? t('conduct.pack.sensitive', { day: longDate(i.registered_on, t.locale) }) : `${i.description} (${longDate(i.registered_on, t.locale)})`)) }
        : { kind: 'paragraph', text: t('conduct.pack.noRegister') },
    ];
    const pdf = await writePdf({ title: t('conduct.pack.title', { councillor: p.councillor_name }), author: councilNameIn(req.t, council), language: languageTag(req.locale), blocks });
    return reply.header('content-type', 'application/pdf').header('cache-control', 'no-store').send(Buffer.from(pdf));
  });

  app.post(
    '/api/v1/conduct/acknowledgements',
    { config: { authorize: 'conduct.acknowledge' }, schema: { tags: ['conduct'], summary: 'Acknowledge the code of conduct in force', description: 'Where the protocol names the Nolan principles, `nolan` must be true as well; otherwise 400 naming the field.', body: acknowledgeInput, response: { 201: z.object({ version: z.string() }), 400: apiErrorSchema, 403: apiErrorSchema } } },
    async (req, reply) => reply.status(201).send(await req.tx((trx) => acknowledge(trx, req.councilOrThrow(), req.user(), req.body, now()))),
  );

  app.get(
    '/api/v1/conduct/outstanding',
    { config: { authorize: 'conduct.oversee' }, schema: { tags: ['conduct'], summary: 'Who has not acknowledged the code in force', response: { 200: z.object({ version: z.string(), people: z.array(z.object({ id: z.string(), name: z.string(), role: z.string() })) }), 403: apiErrorSchema } } },
    async (req) => {
      const version = codeVersion(req.councilOrThrow());
      return { version, people: await req.tx((trx) => outstanding(trx, version, req.today)) };
    },
  );

  app.post(
    '/api/v1/conduct/referrals',
    { config: { authorize: 'conduct.refer' }, schema: { tags: ['conduct'], summary: 'Refer a complaint about a councillor’s conduct', description: 'Recorded as referred to the principal authority’s Monitoring Officer (England) or the Public Services Ombudsman for Wales (Wales), by the council’s nation; the pack is at /conduct/referrals/{id}/pack.pdf.', body: referralInput, response: { 201: z.object({ id: z.string(), to: z.enum(['monitoring_officer', 'ombudsman']) }), 400: apiErrorSchema, 403: apiErrorSchema } } },
    async (req, reply) => reply.status(201).send(await req.tx((trx) => refer(trx, req.councilOrThrow(), req.user(), req.body, now()))),
  );

  app.get('/api/v1/conduct/referrals/:id', { config: { authorize: 'conduct.refer' }, schema: { tags: ['conduct'], summary: 'One referral', params: idParams, response: { 200: z.object({ id: z.string(), to: z.string(), councillor: z.string() }), 403: apiErrorSchema, 404: apiErrorSchema } } }, async (req) => {
    const p = await req.tx((trx) => referralPack(trx, req.councilOrThrow(), req.params.id));
    return { id: p.id, to: p.referred_to, councillor: p.councillor_name };
  });
}
