import { z } from 'zod';
import type { Trx } from '../db/database.js';
import type { Locale } from '../i18n/messages.js';
import { councilLanguages, type Nation, type TemplateSettings } from '../protocol/types.js';
import type { Translate } from '../i18n/messages.js';
import { defineJob, enqueueJob, type JobContext } from '../jobs/queue.js';
import { emailHtml } from './html.js';

/**
 * Send one outbox email and mark it sent. Idempotent: a message already sent is left alone,
 * and the row is locked while it is sent. Letters for post are the Clerk's to deliver.
 */
export const deliverOutbox = defineJob({
  kind: 'outbox.deliver',
  payload: z.object({ messageId: z.string() }),
  async run(trx, { messageId }, { mailer, clock }) {
    const message = await trx
      .selectFrom('outbox_messages as o')
      .innerJoin('councils as c', 'c.id', 'o.council_id')
      .leftJoin('people as p', 'p.id', 'o.recipient_id')
      .select(['o.id', 'o.recipient_email', 'o.channel', 'o.subject', 'o.body', 'o.sent_at', 'c.slug', 'p.locale'])
      .where('o.id', '=', messageId)
      .forUpdate('o')
      .executeTakeFirst();
    if (!message || message.channel !== 'email' || message.sent_at !== null) return;
    // The HTML part is made from the stored text as it is sent, so both parts always agree.
    const html = emailHtml(message.body, message.locale ?? undefined);
    await mailer.send({ to: message.recipient_email, subject: message.subject, text: message.body, html, council: message.slug, reference: message.id });
    await trx.updateTable('outbox_messages').set({ sent_at: clock() }).where('id', '=', message.id).execute();
  },
});

/** Queue one outbox email for delivery, due at once, in the transaction that wrote it. */
export function enqueueDelivery(trx: Trx, councilId: string, outboxMessageId: string): Promise<string> {
  return enqueueJob(trx, deliverOutbox, { councilId, payload: { messageId: outboxMessageId } });
}

export interface OutgoingEmail {
  to: { id: string | null; email: string };
  subject: string;
  body: string;
  /**
   * The absolute address of the page the email is about (`RecipientTranslator.link`). It
   * ends the email, on its own line, unless the body already gives it.
   */
  link?: string;
}

/**
 * The words of one recipient's email: their language, in the council's terminology. A
 * service writes each email in one place, with the translator this gives for its recipient,
 * so a person's own language can be chosen later without touching the services.
 */
export type RecipientTranslator = ((recipient: { id: string | null }) => Translate) & {
  /** The absolute address of a page of the council, from its path within the council ("/enquiries/…"). */
  link(path: string): string;
};

/**
 * The address a council's pages are reached at from outside, for links in emails:
 * `PUBLIC_URL` (or the address Concord serves on) and the council's own path. A request
 * knows its own path; a job uses the `/c/<slug>` prefix, which every deployment answers.
 */
export function councilAddress(publicUrl: string, council: { slug: string }, base = `/c/${council.slug}`): string {
  return `${publicUrl.replace(/\/$/, '')}${base}`;
}

/**
 * Each recipient reads their own language: the one on their account, among the council's
 * languages, or the council's default. The council's people are read once, so the services
 * can ask for each recipient's words as they write.
 */
export async function inRecipientsLanguages(
  trx: Trx,
  council: { nation: Nation; settings: Pick<TemplateSettings, 'languages' | 'defaultLocale'> },
  translate: (locale: Locale) => Translate,
  /** The council's address (`councilAddress`), for the links emails carry. */
  address: string,
): Promise<RecipientTranslator> {
  const languages = councilLanguages(council);
  const fallback = council.settings.defaultLocale && languages.includes(council.settings.defaultLocale) ? council.settings.defaultLocale : (languages[0] ?? 'en');
  const people = await trx.selectFrom('people').select(['id', 'locale']).execute();
  const chosen = new Map(people.map((p) => [p.id, p.locale && languages.includes(p.locale) ? p.locale : fallback]));
  const translators = new Map<Locale, Translate>();
  const textFor = (recipient: { id: string | null }) => {
    const locale = (recipient.id ? chosen.get(recipient.id) : undefined) ?? fallback;
    let t = translators.get(locale);
    if (!t) translators.set(locale, (t = translate(locale)));
    return t;
  };
  return Object.assign(textFor, { link: (path: string) => `${address}${path}` });
}

/** Whom a message for the Clerk goes to: the council's Clerk while in post (the proper officer). */
export const activeClerks = (trx: Trx) => trx.selectFrom('people').select(['id', 'email']).where('role', '=', 'clerk').where('active', '=', true).execute();

/** Where a job that writes to people starts: its council, and each recipient's words in their own language. */
export async function councilForJob(trx: Trx, ctx: Pick<JobContext, 'translate' | 'address'> & { job: { councilId: string } }) {
  const council = await trx.selectFrom('councils').selectAll().where('id', '=', ctx.job.councilId).executeTakeFirstOrThrow();
  return { council, textFor: await inRecipientsLanguages(trx, council, (locale) => ctx.translate(council, locale), ctx.address(council)) };
}

/**
 * Write an email to the outbox and queue its delivery, in the caller's transaction: it is
 * sent if, and only if, the change that asked for it commits, and a restart loses nothing.
 */
export async function queueEmail(trx: Trx, councilId: string, email: OutgoingEmail): Promise<string> {
  const body = email.link && !email.body.includes(email.link) ? `${email.body.trimEnd()}\n\n${email.link}` : email.body;
  const row = await trx
    .insertInto('outbox_messages')
    .values({ council_id: councilId, recipient_id: email.to.id, recipient_email: email.to.email, channel: 'email', subject: email.subject, body, meeting_id: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await enqueueDelivery(trx, councilId, row.id);
  return row.id;
}
