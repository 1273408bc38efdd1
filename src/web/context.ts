import type { IncomingMessage } from 'node:http';
import type { Council } from '../db/schema.js';
import type { Trx } from '../db/database.js';
import type { Locale, Translate } from '../i18n/messages.js';
import type { ClauseIndex } from '../policy/decide.js';
import type { Action, PlainAction, Subject } from '../policy/actions.js';
import type { Principal } from '../policy/principal.js';

/** What every request carries once Concord has worked out who and where it is. */
declare module 'fastify' {
  interface FastifyRequest {
    /** The council this request is for; undefined only on routes outside any council. */
    council: Council | undefined;
    /** The path prefix of the council ("/c/ledbury") or "" when it has none. */
    base: string;
    principal: Principal | undefined;
    clauses: ClauseIndex | undefined;
    sessionToken: string | undefined;
    t: Translate;
    /** A fresh value for each response, allowing the page's one inline script. */
    cspNonce: string;
    /** Today in Europe/London, "YYYY-MM-DD". */
    today: string;
    /** The language of this response (src/i18n/choose.ts). */
    locale: Locale;
    /** The languages the council runs in. */
    languages: readonly Locale[];
    /**
     * Run `fn` as this council, as one piece of work: undone alone if it fails, kept if it does
     * not. Every piece shares the request's one transaction (src/db/request-transaction.ts).
     */
    tx<T>(fn: (trx: Trx) => Promise<T>): Promise<T>;
    /**
     * A read for this person, language and day that this process may answer again from what it
     * last read, until anything is written to the council (src/db/remembered-reads.ts); `key`
     * names the read and everything it depends on besides those. Only a GET is answered so:
     * any other request reads afresh, in its own transaction, what it may change.
     */
    remembered<T>(key: string, load: (trx: Trx) => Promise<T>): Promise<T>;
    /** The request's transaction, begun by its first piece of work; undefined outside a council. */
    work: import('../db/request-transaction.js').RequestTransaction | undefined;
    /** The signed-in person, or a redirect to sign in (pages) / 401 (API). */
    user(): Principal;
    /**
     * Refuses, naming the clause, unless the protocol allows `action`. What follows the action
     * is the action's contract (`ActionContracts`): the resource and the rule context it needs.
     */
    authorize<A extends Action>(action: A, ...subject: Subject<A>): void;
    /** Whether the protocol allows the signed-in person `action`, with the same contract: for showing links and forms. */
    allows<A extends Action>(action: A, ...subject: Subject<A>): boolean;
    councilOrThrow(): Council;
    /** Each recipient's words (their language, the council's titles), for emails written in `trx`. */
    recipientsText(trx: Trx): Promise<import('../notifications/delivery.js').RecipientTranslator>;
  }
  interface FastifyContextConfig {
    /** Checked before the body is validated; the handler may check again with the resource. */
    authorize?: PlainAction;
    /** Answers without a sign-in (public pages and API); the contract then declares no 401. */
    public?: boolean;
  }
  interface FastifyReply {
    view(template: string, data?: Record<string, unknown>): FastifyReply;
    /** Redirect within the council, keeping its path prefix; with an optional success message. */
    to(path: string, flash?: string): FastifyReply;
    /** A CSRF token for this page or API client, bound to the request's session (src/auth/csrf.ts). */
    csrfToken(): string;
  }
}

/** The council slug taken off the URL by `rewriteUrl`, before routing. */
export const councilSlugs = new WeakMap<IncomingMessage, string>();
