import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Trx } from '../db/database.js';
import type { RuleContext } from '../policy/rules.js';
import { submitForm } from '../web/form.js';
import { apiErrorSchema, idParams } from '../web/schemas.js';
import { longDate } from '../web/render.js';
import { bodyMembership, bodyName, findMeeting, listItems } from '../meetings/service.js';
import { readerFor } from '../meetings/visibility.js';
import { listCommittees } from '../setup/committees/service.js';
import { actionsOf, decisionRecorders, findResolution, listResolutions, recordersInput, recordResolution, resolutionInput, type ResolutionRow } from './service.js';
import { recorderCandidates, setRecorders } from './recorders.js';
import { listAgreedActions } from './agreed.js';
import { apiResolution, presentResolution } from './present.js';

const V = 'decisions/views';

export const resolutionView = z.object({
  id: z.string(),
  minuteNumber: z.string(),
  text: z.string().nullable().describe('Withheld (null) for an item taken in private, unless the reader is a member of the body or an officer'),
  meetingId: z.string(),
  meetingDate: z.string(),
  body: z.string(),
  agendaItemId: z.string().nullable(),
  actionCount: z.number(),
});

/** The rule context for recording a resolution: whether the Clerk has asked this officer to. */
function recorderContext(req: FastifyRequest): Required<Pick<RuleContext, 'delegatedRecorder'>> {
  return { delegatedRecorder: decisionRecorders(req.councilOrThrow().settings).includes(req.user().personId) };
}

/** Resolutions as this reader sees them, each decided as the item it was made on (one presenter). */
async function presented(trx: Trx, req: FastifyRequest, rows: readonly ResolutionRow[]) {
  const [reader, membership] = [await readerFor(trx, req), await bodyMembership(trx, req.today)];
  return rows.map((r) => presentResolution(reader, r, membership(r.committee_id), req.t));
}

/** The resolutions meetings made: recorded by the Clerk (or an officer the Clerk asks), read by all. */
export async function resolutionRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  const listPage = async (req: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}) => {
    req.authorize('resolution.view');
    const canConfigure = req.allows('council.configure');
    const canConfirm = req.allows('agreed_action.confirm');
    const data = await req.tx(async (trx) => ({
      resolutions: await presented(trx, req, await listResolutions(trx)),
      committees: await listCommittees(trx),
      officers: canConfigure ? await recorderCandidates(trx) : [],
      pending: canConfirm ? await listAgreedActions(trx, { status: 'pending' }) : [],
    }));
    return reply.view(`${V}/list.njk`, {
      title: req.t('decisions.title'),
      section: 'decisions',
      resolutions: data.resolutions,
      committees: data.committees,
      officers: data.officers,
      recorders: decisionRecorders(req.councilOrThrow().settings),
      pending: data.pending.map((p) => ({ ...p, body: bodyName(p, req.t) })),
      canConfigure,
      ...extra,
    });
  };

  app.get('/decisions', async (req, reply) => listPage(req, reply));

  app.post('/decisions/recorders', { config: { authorize: 'council.configure' } }, async (req, reply) =>
    submitForm(req, reply, {
      schema: recordersInput,
      save: (trx, input) => setRecorders(trx, req.user(), input.recorders),
      redisplay: (reply, { errors }) => listPage(req, reply, { errors }),
      afterSave: () => req.server.concord.councils.invalidate(),
      done: () => ({ path: '/decisions', flash: 'decisions.recordersSaved' }),
    }),
  );

  const resolutionForm = async (req: FastifyRequest, reply: FastifyReply, meetingId: string, data: Record<string, unknown> = {}) => {
    const { meeting, items } = await req.tx(async (trx) => {
      const meeting = await findMeeting(trx, meetingId);
      return { meeting, items: await listItems(trx, meeting.id) };
    });
    return reply.view(`${V}/new-resolution.njk`, {
      title: req.t('decisions.new.title', { body: bodyName(meeting, req.t), date: longDate(meeting.meeting_date, req.locale) }),
      section: 'decisions',
      m: meeting,
      // Item numbers and titles only: a private item's title is in general terms.
      items: items.map((i) => ({ id: i.id, position: i.position, title: i.title })),
      notYetHeld: meeting.meeting_date > req.today,
      values: {},
      ...data,
    });
  };

  app.get('/meetings/:id/resolutions/new', { schema: { params: idParams } }, async (req, reply) => {
    req.authorize('resolution.record', undefined, recorderContext(req));
    return resolutionForm(req, reply, req.params.id);
  });

  app.post('/meetings/:id/resolutions', { schema: { params: idParams } }, async (req, reply) => {
    req.authorize('resolution.record', undefined, recorderContext(req));
    return submitForm(req, reply, {
      schema: resolutionInput,
      save: async (trx, input) => recordResolution(trx, req.user(), await findMeeting(trx, req.params.id), input, req.today),
      redisplay: (reply, form) => resolutionForm(req, reply, req.params.id, form),
      done: (row) => ({ path: `/decisions/${row.id}`, flash: `decisions.recorded|${JSON.stringify({ minute: row.minute_number })}` }),
    });
  });

  app.get('/decisions/:id', { schema: { params: idParams } }, async (req, reply) => {
    req.authorize('resolution.view');
    const d = await req.tx(async (trx) => {
      const row = await findResolution(trx, req.params.id);
      return { row, resolution: (await presented(trx, req, [row]))[0]!, actions: await actionsOf(trx, row.id) };
    });
    return reply.view(`${V}/resolution.njk`, {
      title: d.resolution.citation,
      section: 'decisions',
      r: d.resolution,
      actions: d.actions,
      today: req.today,
      body: bodyName(d.row, req.t),
      bodyKey: d.row.committee_id ?? 'council',
      canAssign: req.allows('officer_task.create'),
    });
  });

  app.get(
    '/api/v1/resolutions',
    { schema: { tags: ['decisions'], summary: 'Resolutions recorded at meetings, newest meeting first', response: { 200: z.object({ resolutions: z.array(resolutionView) }) } } },
    async (req) => {
      req.authorize('resolution.view');
      return req.tx(async (trx) => ({ resolutions: (await presented(trx, req, await listResolutions(trx))).map(apiResolution) }));
    },
  );

  app.post(
    '/api/v1/meetings/:id/resolutions',
    {
      schema: {
        tags: ['decisions'],
        summary: 'Record a resolution the meeting made',
        description: 'The Clerk, or an officer the Clerk has asked to record resolutions. Anyone else is refused with 403 and the protocol clause.',
        params: idParams,
        body: resolutionInput,
        response: { 201: resolutionView, 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (req, reply) => {
      req.authorize('resolution.record', undefined, recorderContext(req));
      const resolution = await req.tx(async (trx) => {
        const created = await recordResolution(trx, req.user(), await findMeeting(trx, req.params.id), req.body, req.today);
        return (await presented(trx, req, [await findResolution(trx, created.id)]))[0]!;
      });
      return reply.status(201).send(apiResolution(resolution));
    },
  );
}
