import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config/config.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** The same words as HTML (see `emailHtml`), sent beside the text part. */
  html?: string;
  /** The council's slug: the outbox folder the `.eml` copy goes in when there is no SMTP. */
  council?: string;
  /** A stable name for the message (the outbox row's id), used for the `.eml` file. */
  reference?: string;
}

/** Sends email. Throwing means the message was not sent: the job is tried again later. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** Email through an SMTP server (SMTP_URL). */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;
  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(url);
  }
  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: message.to, subject: message.subject, text: message.text, html: message.html });
  }
  close(): void {
    this.transport.close();
  }
}

/**
 * No SMTP server: the outbox row in Concord is the record the Clerk reads, and a copy of the
 * message as an RFC 822 `.eml` file goes in `<data>/outbox/<council>/`, which any mail
 * program opens. Without a data folder (tests, PostgreSQL without CONCORD_DATA set), the
 * row alone is kept.
 */
export class OutboxMailer implements Mailer {
  private readonly builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  constructor(
    private readonly dataDir: string,
    private readonly from: string,
  ) {}
  async send(message: MailMessage): Promise<void> {
    if (!this.dataDir) return;
    const info = await this.builder.sendMail({ from: this.from, to: message.to, subject: message.subject, text: message.text, html: message.html });
    const dir = join(this.dataDir, 'outbox', safeName(message.council ?? 'concord'));
    await mkdir(dir, { recursive: true });
    const name = safeName(message.reference ?? `${Date.now()}-${Math.random().toString(16).slice(2)}`);
    await writeFile(join(dir, `${name}.eml`), info.message as Buffer);
  }
}

/** SMTP when configured, otherwise the outbox. */
export function mailerFor(config: Config): Mailer {
  return config.smtpUrl ? new SmtpMailer(config.smtpUrl, config.mailFrom) : new OutboxMailer(config.dataDir, config.mailFrom);
}

function safeName(value: string): string {
  return value.replace(/[^a-zA-Z0-9-]/g, '_');
}
