import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Trx } from '../db/database.js';
import { bodyChairs, bodyMembers, bodyName, findMeeting, longDay, type MeetingRow } from '../meetings/service.js';
import { postedByPrefix, submitForm } from '../web/form.js';
import { inLanguage, type FormErrors } from '../web/forms.js';
import { NotFoundError } from '../web/errors.js';
import { apiErrorSchema, idParams } from '../web/schemas.js';
import { meetingDeclarations, minutedDeclarations, type MeetingDeclaration } from './context.js';
import { coversItem, currentOn, listDispensations } from './dispensations.js';
import { BEFORE_KINDS, KINDS, beforeInput, checkNotMet, declareBefore, itemsForMember, recordDeclaration, recordInput } from './service.js';

const declarationView = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  itemId: z.string(),
  itemPosition: z.number(),
  itemTitle: z.string(),
  kind: z.enum(BEFORE_KINDS),
  details: z.string(),
  leftRoom: z.boolean(),
  tookNoPart: z.boolean(),
  dispensationId: z.string().nullable(),
  registerBy: z.string().nullable().describe('A disclosable pecuniary interest not in the register: the day it must be registered by (Localism Act 2011 s.31(3))'),
});
const publicDeclaration = z.object({ member: z.string(), item: z.number(), itemTitle: z.string(), kind: z.enum(KINDS), details: z.string(), leftRoom: z.boolean(), tookNoPart: z.boolean(), dispensation: z.boolean() });
const memberItem = z.object({
  id: z.string(),
  position: z.number(),
  title: z.string(),
  matterTitle: z.string().nullable(),
  touches: z.boolean().describe('The item’s matter is in your register of interests'),
  pecuniary: z.boolean(),
  declared: z.object({ kind: z.enum(BEFORE_KINDS), details: z.string() }).nullable(),
  dispensations: z.array(z.object({ id: z.string(), covers: z.enum(['speaking', 'voting', 'both']), until: z.string() })),
});

/**
 * A declaration as a signed-in reader sees it. The day an unregistered pecuniary interest must be
 * registered by is the member's and the Clerk's business (it tells that the register is behind),
 * so it is given only to those who record declarations and to the member concerned, as the page does.
 */
const toView = (d: MeetingDeclaration, mayKnowRegisterBy: (personId: string) => boolean): z.infer<typeof declarationView> => ({
  id: d.id,
  personId: d.personId,
  personName: d.personName,
  itemId: d.itemId,
  itemPosition: d.itemPosition,
  itemTitle: d.itemTitle,
  kind: d.kind,
  details: d.details,
  leftRoom: d.leftRoom,
  tookNoPart: d.tookNoPart,
  dispensationId: d.dispensationId,
  registerBy: mayKnowRegisterBy(d.personId) ? d.registerBy : null,
});

/** What the public sees: the declarations made at the meeting, without the register's dates or the dispensation's record. */
async function publicList(trx: Trx, meetingId: string) {
  const meeting = await findMeeting(trx, meetingId);
  // Published with the agenda: until the summons is issued the meeting is not public.
  if (meeting.summons_issued_on === null) throw new NotFoundError();
  // As the minutes record them; made at a meeting, a declaration names an interest (no "none").
  return { meeting, declarations: (await minutedDeclarations(trx, meeting.id)).map((d) => ({ ...d, kind: d.kind as (typeof KINDS)[number] })) };
}

/**
 * Declarations of interest for one meeting: each member's, before it, on the items touching
 * their register; the Clerk's record of those made at it; and the public list.
 */
export async function meetingDeclarationRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  const load = (trx: Trx, meetingId: string) =>
    findMeeting(trx, meetingId).then(async (meeting) => ({ meeting, members: await bodyMembers(trx, meeting), chairIds: await bodyChairs(trx, meeting) }));

  const page = async (req: FastifyRequest, reply: FastifyReply, meetingId: string, data: { errors?: FormErrors; values?: Record<string, unknown>; recordErrors?: FormErrors; recordValues?: Record<string, unknown> } = {}) => {
    req.authorize('meetings.view');
    const me = req.user();
    const d = await req.tx(async (trx) => {
      const { meeting, members, chairIds } = await load(trx, meetingId);
      if (meeting.summons_issued_on === null && !req.allows('meeting.read_draft', undefined, { meetingChairIds: chairIds })) throw new NotFoundError();
      const memberIds = members.map((m) => m.id);
      const declares = req.allows('declaration.make', undefined, { bodyMemberIds: memberIds });
      const records = req.allows('declaration.record');
      // The Clerk and the body's chair see, beside each declaration, the dispensations that cover it.
      const seesDispensations = req.allows('meeting.read_draft', undefined, { meetingChairIds: chairIds });
      const items = await trx.selectFrom('agenda_items').select(['id', 'position', 'title', 'matter_id']).where('meeting_id', '=', meeting.id).orderBy('position').execute();
      const dispensations = seesDispensations ? (await listDispensations(trx, { status: 'granted' })).filter((x) => currentOn(x, meeting.meeting_date) && memberIds.includes(x.personId)) : [];
      const covering = items.flatMap((item) => dispensations.filter((x) => coversItem(x, item)).map((x) => ({ itemId: item.id, position: item.position, personId: x.personId, name: x.personName, covers: x.covers, until: x.grantedUntil!, id: x.id })));
      return {
        meeting,
        members,
        items,
        declares,
        records,
        seesDispensations,
        covering,
        mine: declares ? await itemsForMember(trx, meeting, me.personId, req.today) : [],
        before: records || seesDispensations ? await meetingDeclarations(trx, meeting.id, 'before') : [],
        made: await meetingDeclarations(trx, meeting.id, 'meeting'),
      };
    });
    return reply.view('declarations/views/meeting.njk', {
      title: req.t('meetingDeclarations.title', { body: bodyName(d.meeting, req.t), date: longDay(d.meeting.meeting_date, req.locale) }),
      section: 'meetings',
      ...d,
      myId: me.personId,
      met: d.meeting.meeting_date < req.today,
      held: d.meeting.meeting_date <= req.today,
      kinds: KINDS,
      // The layout's summary lists the errors of whichever form was sent.
      errors: data.errors ?? data.recordErrors,
      values: data.values ?? {},
      // Passed under their own name, which reply.view does not see: announced in the page's language here.
      recordErrors: data.recordErrors && inLanguage(data.recordErrors, req.t('error.visuallyHidden')),
      recordValues: data.recordValues ?? {},
    });
  };

  app.get('/declarations/meetings/:id', { schema: { params: idParams } }, async (req, reply) => page(req, reply, req.params.id));

  /** A member's own declarations before the meeting, decided on the body's members. */
  const authorizeDeclaring = async (req: FastifyRequest, meetingId: string): Promise<MeetingRow> => {
    const { meeting, members, chairIds } = await req.tx((trx) => load(trx, meetingId));
    // Before its summons the agenda is not out: only those who may read the draft see the meeting.
    if (meeting.summons_issued_on === null && !req.allows('meeting.read_draft', undefined, { meetingChairIds: chairIds })) throw new NotFoundError();
    req.authorize('declaration.make', undefined, { bodyMemberIds: members.map((m) => m.id) });
    return meeting;
  };

  app.post('/declarations/meetings/:id/before', { schema: { params: idParams } }, async (req, reply) => {
    const meeting = await authorizeDeclaring(req, req.params.id);
    const kinds = postedByPrefix(req, 'kind-');
    const details = postedByPrefix(req, 'details-');
    const declarations = Object.entries(kinds)
      .filter(([, kind]) => kind !== '')
      .map(([itemId, kind]) => ({ itemId, kind, details: details[itemId] ?? '' }));
    return submitForm(req, reply, {
      schema: beforeInput,
      extra: { declarations },
      precondition: () => checkNotMet(meeting, req.today),
      save: (trx, value) => declareBefore(trx, req.user(), meeting, value, req.today),
      redisplay: (r, { errors }) => page(req, r, meeting.id, { errors, values: { kinds, details } }),
      done: () => ({ path: `/declarations/meetings/${meeting.id}`, flash: 'meetingDeclarations.sent' }),
    });
  });

  app.post('/declarations/meetings/:id/record', { schema: { params: idParams }, config: { authorize: 'declaration.record' } }, async (req, reply) =>
    submitForm(req, reply, {
      schema: recordInput,
      save: async (trx, value) => {
        const { meeting, members } = await load(trx, req.params.id);
        return recordDeclaration(trx, req.user(), req.councilOrThrow(), { ...meeting, members }, value, req.today);
      },
      redisplay: (r, { errors, values }) => page(req, r, req.params.id, { recordErrors: errors, recordValues: values }),
      done: (made) => ({ path: `/declarations/meetings/${req.params.id}`, flash: made.registerBy ? 'meetingDeclarations.recordedChase' : 'meetingDeclarations.recorded' }),
    }),
  );

  app.get('/declarations/meetings/:id/public', { schema: { params: idParams } }, async (req, reply) => {
    const { meeting, declarations } = await req.tx((trx) => publicList(trx, req.params.id));
    return reply.view('declarations/views/public-meeting.njk', {
      title: req.t('meetingDeclarations.public.title', { body: bodyName(meeting, req.t), date: longDay(meeting.meeting_date, req.locale) }),
      section: 'meetings',
      meeting,
      declarations,
    });
  });

  app.get(
    '/api/v1/declarations/meetings/:id/public',
    { schema: { tags: ['declarations'], summary: 'The declarations of interest made at a meeting (no sign-in needed)', params: idParams, response: { 200: z.object({ meetingId: z.string(), meetingDate: z.string(), declarations: z.array(publicDeclaration) }), 404: apiErrorSchema } } },
    async (req) => {
      const { meeting, declarations } = await req.tx((trx) => publicList(trx, req.params.id));
      return { meetingId: meeting.id, meetingDate: meeting.meeting_date, declarations };
    },
  );

  app.get(
    '/api/v1/declarations/meetings/:id/mine',
    { schema: { tags: ['declarations'], summary: 'The meeting’s items as they touch your register, with what you have declared before it', params: idParams, response: { 200: z.object({ items: z.array(memberItem) }), 403: apiErrorSchema, 404: apiErrorSchema } } },
    async (req) => {
      const meeting = await authorizeDeclaring(req, req.params.id);
      return { items: await req.tx((trx) => itemsForMember(trx, meeting, req.user().personId, req.today)) };
    },
  );

  app.post(
    '/api/v1/declarations/meetings/:id/before',
    {
      schema: {
        tags: ['declarations'],
        summary: 'Declare your interests in the meeting’s items before it, or confirm you have none',
        description: 'Refused with 400 (meeting_met) once the meeting has met, checked before the body is validated.',
        params: idParams,
        body: beforeInput,
        response: { 200: z.object({ saved: z.number() }), 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema },
      },
      // Who may declare, and whether the meeting has met, answer before the body does.
      preValidation: async (req) => {
        req.user();
        const params = idParams.safeParse(req.params);
        if (!params.success) return; // validation answers it, before the meeting is read
        checkNotMet(await authorizeDeclaring(req, params.data.id), req.today);
      },
    },
    async (req) => {
      const meeting = await authorizeDeclaring(req, req.params.id);
      return { saved: await req.tx((trx) => declareBefore(trx, req.user(), meeting, req.body, req.today)) };
    },
  );

  app.get(
    '/api/v1/declarations/meetings/:id',
    { schema: { tags: ['declarations'], summary: 'The declarations recorded at a meeting, with the dates pecuniary interests must be registered by', params: idParams, response: { 200: z.object({ declarations: z.array(declarationView) }), 403: apiErrorSchema, 404: apiErrorSchema } } },
    async (req) => {
      req.authorize('meetings.view');
      const records = req.allows('declaration.record');
      const mayKnow = (personId: string) => records || personId === req.user().personId;
      return { declarations: (await req.tx(async (trx) => meetingDeclarations(trx, (await findMeeting(trx, req.params.id)).id, 'meeting'))).map((d) => toView(d, mayKnow)) };
    },
  );

  app.post(
    '/api/v1/declarations/meetings/:id',
    {
      config: { authorize: 'declaration.record' },
      schema: { tags: ['declarations'], summary: 'Record a declaration made at the meeting', params: idParams, body: recordInput, response: { 201: declarationView, 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema } },
    },
    async (req, reply) => {
      const made = await req.tx(async (trx) => {
        const { meeting, members } = await load(trx, req.params.id);
        const { id } = await recordDeclaration(trx, req.user(), req.councilOrThrow(), { ...meeting, members }, req.body, req.today);
        return (await meetingDeclarations(trx, meeting.id, 'meeting')).find((d) => d.id === id)!;
      });
      // The one who records declarations may know every date.
      return reply.status(201).send(toView(made, () => true));
    },
  );
}
