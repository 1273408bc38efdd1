import type { MailMessage, Mailer } from '../../src/notifications/mailer.js';

/** A mailer that keeps what it is asked to send, in order. */
export class RecordingMailer implements Mailer {
  sent: MailMessage[] = [];
  async send(message: MailMessage): Promise<void> {
    this.sent.push(message);
  }
}
