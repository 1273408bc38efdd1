import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ENTRY_KINDS, PROCEDURES } from '../db/schema-concerns.js';
import { submitForm } from '../web/form.js';
import { dateParts } from '../web/forms.js';
import { idFromPath } from '../web/pages.js';
import { caseLink, openCase } from './access.js';
import { presentCase } from './present.js';
import { disclosuresOf } from './disclosure.js';
import { clausesCarrying } from '../policy/decide.js';
import {
  accessLog,
  addEntry,
  caseRecord,
  closeInformally,
  closeInput,
  committeeResolutions,
  concernInput,
  decisionInput,
  entryInput,
  escalate,
  escalateInput,
  listMine,
  listOfficers,
  outsideContacts,
  passOn,
  passOnInput,
  peopleToName,
  raiseConcern,
  recordDecision,
  recordStage,
  routeConcern,
  stageInput,
  timeLimits,
} from './service.js';

/**
 * Concerns, grievance and discipline (SPEC R11; I1.8, L5.4, B10.1–10.2, I3.4): raising a
 * concern, routed by the protocol; the handlers' record of informal resolution; the formal
 * procedure's stages, decided by the personnel committee; and an officer's approach passed on.
 */
export async function concernRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const now = () => app.concord.services.clock();

  app.get('/concerns', async (req, reply) => {
    req.authorize('concern.raise');
    const user = req.user();
    const cases = await req.tx((trx) => listMine(trx, user));
    return reply.view('concerns/views/index.njk', {
      title: req.t('concerns.title'),
      section: 'concerns',
      cases: cases.map((c) => ({ ...c, mine: c.raised_by === user.personId })),
      canPassOn: req.allows('concern.pass_on'),
      canConfigure: req.allows('council.configure'),
    });
  });

  const form = async (req: FastifyRequest, reply: FastifyReply, data: Record<string, unknown> = {}) => {
    const user = req.user();
    const council = req.councilOrThrow();
    const { people, usual, aboutClerk, contacts } = await req.tx(async (trx) => {
      const everyone = await peopleToName(trx, user);
      const clerk = everyone.find((p) => p.role === 'clerk');
      return {
        people: everyone,
        usual: (await routeConcern(trx, council, { id: user.personId, role: user.role }, null, req.today)).handlers,
        aboutClerk: clerk ? (await routeConcern(trx, council, { id: user.personId, role: user.role }, clerk.id, req.today)).handlers : [],
        contacts: await outsideContacts(trx),
      };
    });
    const names = (hs: typeof usual) => hs.map((h) => `${h.name} (${req.t(h.office)})`).join(', ');
    return reply.view('concerns/views/new.njk', {
      title: req.t('concerns.new'),
      section: 'concerns',
      people,
      routing: { usual: names(usual), aboutClerk: names(aboutClerk), noOne: usual.length === 0 || aboutClerk.length === 0 },
      contacts,
      values: {},
      ...data,
    });
  };

  app.get('/concerns/new', async (req, reply) => {
    req.authorize('concern.raise');
    return form(req, reply);
  });

  app.post('/concerns/new', async (req, reply) => {
    req.authorize('concern.raise');
    return submitForm(req, reply, {
      schema: concernInput,
      save: async (trx, value) => raiseConcern(trx, req.councilOrThrow(), req.user(), value, now(), await req.recipientsText(trx), caseLink(req)),
      redisplay: (r, { errors, values }) => form(req, r, { errors, values }),
      done: (c) => ({ path: `/concerns/${c.id}`, flash: `concerns.raised|${JSON.stringify({ to: c.handlers.map((h) => h.name).join(', ') })}` }),
    });
  });

  const passOnForm = async (req: FastifyRequest, reply: FastifyReply, data: Record<string, unknown> = {}) => {
    const officers = await req.tx(listOfficers);
    return reply.view('concerns/views/pass-on.njk', { title: req.t('concerns.passOn.title'), section: 'concerns', officers, values: {}, ...data });
  };

  app.get('/concerns/pass-on', async (req, reply) => {
    req.authorize('concern.pass_on');
    return passOnForm(req, reply);
  });

  app.post('/concerns/pass-on', async (req, reply) => {
    req.authorize('concern.pass_on');
    return submitForm(req, reply, {
      schema: passOnInput,
      save: async (trx, value) => passOn(trx, req.councilOrThrow(), req.user(), value, now(), await req.recipientsText(trx), caseLink(req)),
      redisplay: (r, { errors, values }) => passOnForm(req, r, { errors, values }),
      // The councillor has passed it on and keeps nothing of it: back to the list, told where it went.
      done: (c) => ({ path: '/concerns', flash: `concerns.passedOn|${JSON.stringify({ officer: c.officerName, to: c.handlers.map((h) => h.name).join(', ') })}` }),
    });
  });

  /** The case page: what this reader may see of it, and the handlers' forms. */
  const casePage = async (req: FastifyRequest, reply: FastifyReply, id: string, data: Record<string, unknown> = {}) => {
    const kase = await openCase(req, id);
    const readsRecord = req.allows('concern.handle', kase.resource) || (kase.resource.formal && kase.resource.committeeMemberIds.includes(req.user().personId));
    const handles = req.allows('concern.handle', kase.resource);
    const { record, told, log, contacts, resolutions, people } = await req.tx(async (trx) => ({
      record: readsRecord ? await caseRecord(trx, id) : undefined,
      told: readsRecord ? await disclosuresOf(trx, id) : undefined,
      log: handles ? await accessLog(trx, id) : undefined,
      contacts: handles ? await outsideContacts(trx) : [],
      resolutions: handles ? await committeeResolutions(trx, kase.personnel_committee_id) : [],
      people: handles ? await peopleToName(trx, req.user()) : [],
    }));
    // Who handles it and why: the handlers were fixed, by the protocol's clause, when it was raised.
    const clause = req.clauses ? clausesCarrying(req.clauses, 'concerns-routing')[0] : undefined;
    return reply.view('concerns/views/show.njk', {
      title: req.t('concerns.show.title'),
      section: 'concerns',
      kase: presentCase(kase, req.t, record, log, told),
      routedUnder: clause ? req.t(kase.concerns_clerk ? 'concerns.show.why.aboutClerk' : 'concerns.show.why.clerk', { number: clause.number, protocol: clause.protocol }) : undefined,
      limits: handles ? timeLimits(req.councilOrThrow()) : undefined,
      canConfigure: req.allows('council.configure'),
      handles,
      contacts,
      resolutions,
      people: people.filter((p) => p.role === 'councillor'),
      entryKinds: ENTRY_KINDS,
      procedures: PROCEDURES,
      values: { occurredOn: dateParts(req.today), doneOn: dateParts(req.today) },
      ...data,
    });
  };

  app.get('/concerns/:id', async (req, reply) => casePage(req, reply, idFromPath(req.params)));

  /** A handler's form on the case page: decided on the case, saved in one transaction, or the page again with its errors. */
  const handlerPost = (path: string, run: (req: FastifyRequest, reply: FastifyReply, kase: Awaited<ReturnType<typeof openCase>>) => Promise<FastifyReply>) =>
    app.post(`/concerns/:id/${path}`, async (req, reply) => {
      // Deciding is asked on the decision itself (who decided it), once the form is read.
      const kase = await openCase(req, idFromPath(req.params), path === 'decision' ? 'concern.view' : 'concern.handle');
      return run(req, reply, kase);
    });

  const again = (req: FastifyRequest, id: string, dateField?: string) => (r: FastifyReply, f: { errors: unknown; values: Record<string, unknown> }) =>
    casePage(req, r, id, { errors: f.errors, values: dateField ? { ...f.values, [dateField]: { day: f.values[`${dateField}-day`], month: f.values[`${dateField}-month`], year: f.values[`${dateField}-year`] } } : f.values });

  handlerPost('entries', (req, reply, kase) =>
    submitForm(req, reply, {
      schema: entryInput,
      save: (trx, value) => addEntry(trx, req.councilOrThrow(), req.user(), kase, value, now()),
      redisplay: again(req, kase.id, 'occurredOn'),
      done: () => ({ path: `/concerns/${kase.id}`, flash: 'concerns.entryAdded' }),
    }),
  );

  handlerPost('close', (req, reply, kase) =>
    submitForm(req, reply, {
      schema: closeInput,
      save: (trx, value) => closeInformally(trx, req.councilOrThrow(), req.user(), kase, value.outcome, now()),
      redisplay: again(req, kase.id),
      done: () => ({ path: `/concerns/${kase.id}`, flash: 'concerns.closed' }),
    }),
  );

  handlerPost('escalate', (req, reply, kase) =>
    submitForm(req, reply, {
      schema: escalateInput,
      save: async (trx, value) => escalate(trx, req.councilOrThrow(), req.user(), kase, value.procedure, now(), await req.recipientsText(trx)),
      redisplay: again(req, kase.id),
      done: (committee) => ({ path: `/concerns/${kase.id}`, flash: `concerns.escalated|${JSON.stringify({ committee: committee.name })}` }),
    }),
  );

  handlerPost('stages', (req, reply, kase) =>
    submitForm(req, reply, {
      schema: stageInput,
      save: (trx, value) => recordStage(trx, req.councilOrThrow(), req.user(), kase, value, now()),
      redisplay: again(req, kase.id, 'doneOn'),
      done: () => ({ path: `/concerns/${kase.id}`, flash: 'concerns.stageRecorded' }),
    }),
  );

  handlerPost('decision', (req, reply, kase) =>
    submitForm(req, reply, {
      schema: decisionInput,
      save: (trx, value) => {
        // One person deciding is refused here, naming the clause, before anything is written.
        req.authorize('concern.decide', kase.resource, { byCommitteeResolution: value.decidedBy === 'committee' });
        return recordDecision(trx, req.councilOrThrow(), req.user(), kase, value, now());
      },
      redisplay: again(req, kase.id),
      done: () => ({ path: `/concerns/${kase.id}`, flash: 'concerns.decided' }),
    }),
  );
}
