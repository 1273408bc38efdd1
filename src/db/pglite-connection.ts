import { EventEmitter } from 'node:events';
import type { PGlite } from '@electric-sql/pglite';
import { serialize } from 'pg-protocol';

/**
 * The connection pg's Client talks to when the database is PGlite: what pg would write to a
 * socket goes to the instance, and what the instance answers comes back as pg's events.
 *
 * PGlite ships such a connection (`@electric-sql/pglite/node-postgres`), which hands PGlite each
 * message as pg writes it: five calls into PGlite for one statement (parse, bind, describe,
 * execute, sync). This one keeps the messages until pg asks for an answer (sync, flush, or a
 * simple query), as a socket would carry them, and hands them over in one call; a statement
 * prepared by name then costs one call instead of four, about half its time (decisions/0026).
 */
export class PGliteConnection extends EventEmitter {
  /** pg's Client keeps its prepared statements' names here. */
  parsedStatements: Record<string, string> = {};
  submittedNamedStatements: Record<string, string> = {};
  /** Read by pg's Client.end(), which skips `end()` without it. */
  _connecting = false;
  /** pg's Client.end() destroys the stream when a query is still running. */
  readonly stream = { destroy: () => this.end() };

  private pending: Buffer[] = [];
  private queue: Promise<void>;
  private emitsMessages = false;

  constructor(private readonly pglite: PGlite) {
    super();
    this.queue = pglite.waitReady;
    this.on('newListener', (event) => {
      if (event === 'message') this.emitsMessages = true;
    });
  }

  async connect(): Promise<void> {
    this._connecting = true;
    await this.pglite.waitReady;
    process.nextTick(() => this.emit('readyForQuery'));
  }

  private keep(message: Buffer): void {
    this.pending.push(message);
  }

  private send(message: Buffer): void {
    this.pending.push(message);
    const whole = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
    this.pending = [];
    this.queue = this.queue
      .then(() => this.pglite.execProtocolStream(whole, { throwOnError: false }))
      .then((answers) => {
        for (const answer of answers) {
          if (this.emitsMessages) this.emit('message', answer);
          // pg listens for an ErrorResponse as 'errorMessage'.
          this.emit(answer.name === 'error' ? 'errorMessage' : answer.name, answer);
        }
      })
      .catch((error: unknown) => {
        this.emit('error', error);
      });
  }

  parse(query: Parameters<typeof serialize.parse>[0]): void {
    this.keep(serialize.parse(query));
  }

  bind(config: Parameters<typeof serialize.bind>[0]): void {
    this.keep(serialize.bind(config));
  }

  describe(message: Parameters<typeof serialize.describe>[0]): void {
    this.keep(serialize.describe(message));
  }

  execute(config: Parameters<typeof serialize.execute>[0]): void {
    this.keep(serialize.execute(config));
  }

  close(message: Parameters<typeof serialize.close>[0]): void {
    this.keep(serialize.close(message));
  }

  sync(): void {
    this.send(serialize.sync());
  }

  flush(): void {
    this.send(serialize.flush());
  }

  query(text: string): void {
    this.send(serialize.query(text));
  }

  end(): void {
    // As a socket closing: pg waits for 'end'. The instance is Concord's, and stays open.
    this.queue = this.queue.then(() => {
      this.emit('end');
    });
  }

  // A socket's other duties, which an instance in the same process has none of.
  requestSsl(): void {}
  startup(): void {}
  cancel(): void {}
  password(): void {}
  ref(): void {}
  unref(): void {}
}
