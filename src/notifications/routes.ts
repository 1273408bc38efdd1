import type { FastifyInstance } from 'fastify';
import { idFromPath, orNotFound } from '../web/pages.js';
import type { Trx } from '../db/database.js';
import { formatDateTime } from '../i18n/format.js';
import type { Locale } from '../i18n/messages.js';

type Status = 'waiting' | 'sent' | 'saved' | 'post';
/**
 * Without an email server, a delivered email was written to a file, not sent: the outbox says
 * so rather than "Sent" under a notice that email is not set up.
 */
const statusOf = (m: { channel: 'email' | 'post'; sent_at: unknown }, emailServer: boolean): Status =>
  m.channel === 'post' ? 'post' : !m.sent_at ? 'waiting' : emailServer ? 'sent' : 'saved';

/** "22 November 2026 at 12:00pm", in London, in the reader's language. */
function when(value: Date | string | null, locale: Locale): string {
  return value ? formatDateTime(new Date(value), locale) : '';
}

/**
 * The outbox's messages, each with its recipient's name and postal address (a letter is addressed
 * with them): those a posted letter went to, or, for a letter not yet posted (or posted before
 * they were kept), the member's as they are now, as the printed pack has them (src/meetings/postal.ts).
 */
function messages(trx: Trx) {
  return trx
    .selectFrom('outbox_messages as o')
    .leftJoin('people as p', 'p.id', 'o.recipient_id')
    .select((eb) => [
      'o.id',
      'o.recipient_email',
      'o.channel',
      'o.subject',
      'o.created_at',
      'o.sent_at',
      eb.fn.coalesce('o.recipient_name', 'p.name').as('recipient_name'),
      eb.fn.coalesce('o.recipient_postal_address', 'p.postal_address').as('postal_address'),
    ]);
}

function listMessages(trx: Trx) {
  return messages(trx)
    .orderBy('o.created_at', 'desc')
    .orderBy('o.recipient_email')
    .limit(500)
    .execute();
}

/** Whom a message is to, as it goes: a letter to the member's name (and postal address), an email to the address. */
const addressee = (m: { channel: 'email' | 'post'; recipient_email: string; recipient_name: string | null; postal_address: string | null }, withAddress = true) =>
  m.channel === 'post' && m.recipient_name ? [m.recipient_name, ...(withAddress ? (m.postal_address ?? '').split('\n').filter((l) => l !== '') : [])].join(', ') : m.recipient_email;

/**
 * The Clerk's outbox: every email and letter Concord has prepared and whether it has gone.
 * Without an SMTP server it is where the demo's emails can be read.
 */
export async function outboxRoutes(app: FastifyInstance): Promise<void> {
  app.get('/outbox', async (req, reply) => {
    req.authorize('outbox.view');
    const rows = await req.tx(listMessages);
    const noSmtp = !app.concord.services.config.smtpUrl;
    const messages = rows.map((m) => ({ ...m, to: addressee(m), status: statusOf(m, !noSmtp), created: when(m.created_at as unknown as Date, req.t.locale), sent: when(m.sent_at, req.t.locale) }));
    return reply.view('notifications/views/outbox.njk', { title: req.t('outbox.title'), section: 'outbox', messages, noSmtp });
  });

  app.get('/outbox/:id', async (req, reply) => {
    req.authorize('outbox.view');
    const id = idFromPath(req.params);
    const m = orNotFound(
      await req.tx((trx) =>
        messages(trx).select('o.body').where('o.id', '=', id).executeTakeFirst(),
      ),
    );
    const message = { ...m, to: addressee(m), status: statusOf(m, Boolean(app.concord.services.config.smtpUrl)), created: when(m.created_at as unknown as Date, req.t.locale), sent: when(m.sent_at, req.t.locale) };
    return reply.view('notifications/views/message.njk', { title: req.t('outbox.message.title', { to: addressee(m, false) }), section: 'outbox', message });
  });
}
