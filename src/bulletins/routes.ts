import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Locale, Translate } from '../i18n/messages.js';
import { formatDateTime } from '../i18n/format.js';
import { idFromPath } from '../web/pages.js';
import type { FormErrors } from '../web/forms.js';
import { submitForm } from '../web/form.js';
import { apiErrorSchema, idParams } from '../web/schemas.js';
import {
  bulletinInput,
  countUnread,
  listBulletins,
  listCommittees,
  listInbox,
  listReceipts,
  OFFICES,
  openBulletin,
  publishBulletin,
  receivesBulletins,
  type BulletinRow,
  type ListedBulletin,
} from './service.js';

const audienceView = z.object({
  all: z.boolean(),
  committees: z.array(z.object({ id: z.string(), name: z.string() })).describe('The chosen committees, with their names when it was published'),
  offices: z.array(z.enum(OFFICES)),
  text: z.string().describe('Who it was sent to, in words'),
});
const bulletinView = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  publishedAt: z.string(),
  author: z.object({ id: z.string(), name: z.string() }),
  audience: audienceView,
  sentToYou: z.boolean().describe('Whether it was sent to the signed-in person (only recipients get read receipts)'),
  readAt: z.string().nullable().describe('When the signed-in person first opened it, if it was sent to them'),
  recipients: z.number().optional().describe('How many councillors it was sent to: for officers'),
  read: z.number().optional().describe('How many of them have opened it: for officers'),
});
const receiptView = z.object({ personId: z.string(), name: z.string(), readAt: z.string().nullable() });

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** "22 November 2026 at 12:00pm", in London, in the reader's language. */
function when(value: Date | string | null, locale: Locale): string {
  return value ? formatDateTime(new Date(value), locale) : '';
}

/** Who a bulletin was for, in words: "All councillors", or "Members of …, and the Vice-Chair". */
function describeAudience(b: Pick<BulletinRow, 'audience_all' | 'audience_committee_names' | 'audience_offices'>, t: Translate): string {
  if (b.audience_all) return t('bulletins.audience.all');
  const parts = [...b.audience_committee_names.map((name) => t('bulletins.audience.committee', { name })), ...b.audience_offices.map((office) => t('bulletins.audience.office', { office: t(`offices.${office}`) }))];
  const text = new Intl.ListFormat('en-GB', { type: 'conjunction' }).format(parts);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function origin(req: FastifyRequest): string {
  const configured = req.server.concord.services.config.publicUrl;
  return configured ? configured.replace(/\/$/, '') : `${req.protocol}://${req.host}`;
}

function present(req: FastifyRequest, b: BulletinRow, mine: { sentToYou: boolean; readAt: Date | string | null }, counts?: { recipients: number; read: number }) {
  return {
    id: b.id,
    title: b.title,
    body: b.body,
    publishedAt: iso(b.published_at)!,
    author: { id: b.author_id, name: b.author_name },
    audience: {
      all: b.audience_all,
      committees: b.audience_committee_ids.map((id, i) => ({ id, name: b.audience_committee_names[i] ?? '' })),
      offices: b.audience_offices,
      text: describeAudience(b, req.t),
    },
    sentToYou: mine.sentToYou,
    readAt: iso(mine.readAt),
    ...(counts ?? {}),
  };
}

const countsOf = (b: ListedBulletin) => ({ recipients: Number(b.recipient_count ?? 0), read: Number(b.read_count ?? 0) });

/** A list row as the pages show it. */
const row = (req: FastifyRequest, b: ListedBulletin) => ({
  id: b.id,
  title: b.title,
  audience: describeAudience(b, req.t),
  published: when(b.published_at, req.t.locale),
  author: b.author_name,
  sentToYou: Boolean(b.sent_to_viewer),
  unread: Boolean(b.sent_to_viewer) && !b.viewer_read_at,
  ...countsOf(b),
});

/**
 * Bulletins from the council's officers to its councillors (SPEC R4): to all of them, or
 * to the members of chosen committees and the holders of chosen offices. Each recipient is
 * emailed and gets it at the top of their list until they open it, which is the read
 * receipt the officers see. The archive holds every bulletin for every councillor.
 */
export async function bulletinRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const now = () => app.concord.services.clock();
  const link = (req: FastifyRequest) => (path: string) => `${origin(req)}${req.base}${path}`;

  app.get('/bulletins', async (req, reply) => {
    req.authorize('bulletin.view');
    const user = req.user();
    // A councillor's list is their own inbox; the officers who write bulletins see them all.
    const inbox = receivesBulletins(user);
    const rows = await req.tx((trx) => (inbox ? listInbox(trx, user) : listBulletins(trx, user)));
    return reply.view('bulletins/views/list.njk', {
      title: req.t('bulletins.title'),
      section: 'bulletins',
      inbox,
      bulletins: rows.map((b) => row(req, b)),
      canPublish: req.allows('bulletin.publish'),
      canSeeReceipts: req.allows('bulletin.receipts'),
    });
  });

  app.get('/bulletins/archive', async (req, reply) => {
    req.authorize('bulletin.view');
    const user = req.user();
    const rows = await req.tx((trx) => listBulletins(trx, user));
    return reply.view('bulletins/views/archive.njk', {
      title: req.t('bulletins.archive'),
      section: 'bulletins',
      bulletins: rows.map((b) => row(req, b)),
    });
  });

  const form = async (req: FastifyRequest, reply: FastifyReply, data: { values?: Record<string, unknown>; errors?: FormErrors } = {}) => {
    const committees = await req.tx(listCommittees);
    return reply.view('bulletins/views/new.njk', {
      title: req.t('bulletins.new'),
      section: 'bulletins',
      committees,
      offices: OFFICES,
      values: { audience: 'all', committeeIds: [], offices: [] },
      ...data,
    });
  };

  app.get('/bulletins/new', async (req, reply) => {
    req.authorize('bulletin.publish');
    return form(req, reply);
  });

  app.post('/bulletins/new', { config: { authorize: 'bulletin.publish' } }, async (req, reply) =>
    submitForm(req, reply, {
      schema: bulletinInput,
      save: async (trx, value) => {
        // Each recipient's email is in the council's words (req.t is the council's translator).
        const published = await publishBulletin(trx, req.councilOrThrow(), req.user(), value, now(), await req.recipientsText(trx), link(req));
        return { ...published, count: (await listReceipts(trx, published.id)).length };
      },
      redisplay: (r, { errors, values }) => form(req, r, { values, errors }),
      done: (bulletin) => ({ path: `/bulletins/${bulletin.id}`, flash: `bulletins.published|${JSON.stringify({ title: bulletin.title, count: bulletin.count })}` }),
    }),
  );

  app.get('/bulletins/:id', async (req, reply) => {
    req.authorize('bulletin.view');
    const id = idFromPath(req.params);
    const canSeeReceipts = req.allows('bulletin.receipts');
    const { opened, receipts } = await req.tx(async (trx) => {
      const opened = await openBulletin(trx, req.user(), id, now());
      return { opened, receipts: canSeeReceipts ? await listReceipts(trx, id) : [] };
    });
    const b = opened.bulletin;
    return reply.view('bulletins/views/show.njk', {
      title: b.title,
      section: 'bulletins',
      bulletin: { ...b, audience: describeAudience(b, req.t), published: when(b.published_at, req.t.locale), paragraphs: b.body.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean) },
      inbox: receivesBulletins(req.user()),
      sentToYou: opened.sentToViewer,
      readAt: when(opened.readAt, req.t.locale),
      canSeeReceipts,
      receipts: receipts.map((r) => ({ name: r.name, readAt: when(r.read_at, req.t.locale) })),
      readCount: receipts.filter((r) => r.read_at).length,
    });
  });

  app.get(
    '/api/v1/bulletins',
    {
      schema: {
        tags: ['bulletins'],
        summary: 'Every published bulletin, the newest first',
        description: 'The archive, which every councillor may read. `sentToYou` and `readAt` are the signed-in person’s; officers also get how many it went to and how many have opened it.',
        response: { 200: z.object({ unread: z.number().describe('Bulletins sent to the signed-in person that they have not opened'), bulletins: z.array(bulletinView) }) },
      },
    },
    async (req) => {
      req.authorize('bulletin.view');
      const user = req.user();
      const withCounts = req.allows('bulletin.receipts');
      const { rows, unread } = await req.tx(async (trx) => ({ rows: await listBulletins(trx, user), unread: await countUnread(trx, user.personId) }));
      return { unread, bulletins: rows.map((b) => present(req, b, { sentToYou: Boolean(b.sent_to_viewer), readAt: b.viewer_read_at }, withCounts ? countsOf(b) : undefined)) };
    },
  );

  app.post(
    '/api/v1/bulletins',
    {
      config: { authorize: 'bulletin.publish' },
      schema: {
        tags: ['bulletins'],
        summary: 'Publish a bulletin to councillors',
        description: 'For officers. The recipients are the councillors the audience reaches today; each is emailed through the outbox.',
        body: bulletinInput,
        response: { 201: bulletinView, 400: apiErrorSchema, 403: apiErrorSchema },
      },
    },
    async (req, reply) => {
      const result = await req.tx(async (trx) => {
        const published = await publishBulletin(trx, req.councilOrThrow(), req.user(), req.body, now(), await req.recipientsText(trx), link(req));
        return { published, receipts: await listReceipts(trx, published.id) };
      });
      return reply.status(201).send(present(req, result.published, { sentToYou: false, readAt: null }, { recipients: result.receipts.length, read: 0 }));
    },
  );

  app.get(
    '/api/v1/bulletins/:id',
    {
      schema: {
        tags: ['bulletins'],
        summary: 'Open one bulletin',
        description: 'For one of its recipients, the first opening is recorded as the read receipt. Officers also get the receipts.',
        params: idParams,
        response: { 200: bulletinView.extend({ receipts: z.array(receiptView).optional() }), 404: apiErrorSchema },
      },
    },
    async (req) => {
      req.authorize('bulletin.view');
      const withReceipts = req.allows('bulletin.receipts');
      const { opened, receipts } = await req.tx(async (trx) => {
        const opened = await openBulletin(trx, req.user(), req.params.id, now());
        return { opened, receipts: withReceipts ? await listReceipts(trx, req.params.id) : undefined };
      });
      const counts = receipts ? { recipients: receipts.length, read: receipts.filter((r) => r.read_at).length } : undefined;
      return {
        ...present(req, opened.bulletin, { sentToYou: opened.sentToViewer, readAt: opened.readAt }, counts),
        ...(receipts ? { receipts: receipts.map((r) => ({ personId: r.person_id, name: r.name, readAt: iso(r.read_at) })) } : {}),
      };
    },
  );

  app.get(
    '/api/v1/bulletins/:id/receipts',
    {
      config: { authorize: 'bulletin.receipts' },
      schema: {
        tags: ['bulletins'],
        summary: 'Who a bulletin went to, and when each first opened it',
        description: 'For officers; those who have not opened it come first.',
        params: idParams,
        response: { 200: z.object({ recipients: z.number(), read: z.number(), receipts: z.array(receiptView) }), 403: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (req) => {
      const receipts = await req.tx((trx) => listReceipts(trx, req.params.id));
      return { recipients: receipts.length, read: receipts.filter((r) => r.read_at).length, receipts: receipts.map((r) => ({ personId: r.person_id, name: r.name, readAt: iso(r.read_at) })) };
    },
  );
}
