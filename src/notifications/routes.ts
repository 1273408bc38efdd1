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

function listMessages(trx: Trx) {
  return trx
    .selectFrom('outbox_messages')
    .select(['id', 'recipient_email', 'channel', 'subject', 'created_at', 'sent_at'])
    .orderBy('created_at', 'desc')
    .orderBy('recipient_email')
    .limit(500)
    .execute();
}

/**
 * The Clerk's outbox: every email and letter Concord has prepared and whether it has gone.
 * Without an SMTP server it is where the demo's emails can be read.
 */
export async function outboxRoutes(app: FastifyInstance): Promise<void> {
  app.get('/outbox', async (req, reply) => {
    req.authorize('outbox.view');
    const rows = await req.tx(listMessages);
    const noSmtp = !app.concord.services.config.smtpUrl;
    const messages = rows.map((m) => ({ ...m, status: statusOf(m, !noSmtp), created: when(m.created_at as unknown as Date, req.t.locale), sent: when(m.sent_at, req.t.locale) }));
    return reply.view('notifications/views/outbox.njk', { title: req.t('outbox.title'), section: 'outbox', messages, noSmtp });
  });

  app.get('/outbox/:id', async (req, reply) => {
    req.authorize('outbox.view');
    const id = idFromPath(req.params);
    const m = orNotFound(
      await req.tx((trx) =>
        trx.selectFrom('outbox_messages').select(['id', 'recipient_email', 'channel', 'subject', 'body', 'created_at', 'sent_at']).where('id', '=', id).executeTakeFirst(),
      ),
    );
    const message = { ...m, status: statusOf(m, Boolean(app.concord.services.config.smtpUrl)), created: when(m.created_at as unknown as Date, req.t.locale), sent: when(m.sent_at, req.t.locale) };
    return reply.view('notifications/views/message.njk', { title: req.t('outbox.message.title', { to: m.recipient_email }), section: 'outbox', message });
  });
}
