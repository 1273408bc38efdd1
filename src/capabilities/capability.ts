import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Trx } from '../db/database.js';
import type { Nation, RuleId, TemplateSettings, Terminology } from '../protocol/types.js';
import type { Action } from '../policy/actions.js';
import type { Rule } from '../policy/rules.js';
import type { JobDefinition } from '../jobs/queue.js';
import type { Translate } from '../i18n/messages.js';

/**
 * One capability of Concord (enquiries, documents, meetings …), described in one place.
 * Each capability folder exports one of these from its `capability.ts`; the list in
 * `src/capabilities/index.ts` is the only file that grows when a capability is added. The
 * app, the job runner, the navigation, the home page, the message catalogue, the rule table,
 * the protocol page and the demo council are all built from that list.
 */
export interface Capability {
  /** A short stable name, the folder's: "enquiries". */
  id: string;
  /** Fastify plugins holding the capability's pages and API, registered in order. */
  routes?: readonly ((app: FastifyInstance) => Promise<void>)[];
  /** The actions the capability adds to the rule table (their contracts are in `ActionContracts`). */
  actions?: ActionDeclarations;
  /** Rows of the protocol's rule table for this capability's actions. */
  rules?: readonly Rule[];
  /** Text people see, in English; keys start with the capability's own prefix. */
  messages?: Readonly<Record<string, string>>;
  /** The same text in Welsh, key for key (`messages.cy.ts`). */
  welsh?: Readonly<Record<string, string>>;
  /** Durable jobs the capability queues (reminders, deliveries …). */
  jobs?: readonly JobDefinition<any>[];
  /** Entries of the service navigation, shown to those whose rules allow `action`. */
  navigation?: readonly NavItem[];
  /** Panels of the home page, per role, in the order they appear. */
  homePanels?: readonly HomePanel[];
  /** Pages anyone may read without signing in, listed on the council's public home (`/public`). */
  publicPages?: readonly PublicPage[];
  /** Where in Concord each rule it applies takes effect, for the protocol page. */
  appliedAt?: Partial<Record<RuleId, AppliedAt>>;
  /** Council settings this capability reads, with the value used where a council has none. */
  settings?: Partial<TemplateSettings>;
  /** Example records for the demo council, seeded after the capabilities named in `after`. */
  demo?: DemoSeed;
  /**
   * What the capability holds about one person, for a subject access request and a person's
   * download of their own data (src/privacy). Read in the council's tenant transaction.
   * `reader` asks the rule table about whoever is assembling it: a record the rules keep from
   * them (a concern case about the Clerk, handled by others) is listed, not shown.
   */
  personalData?: (trx: Trx, councilId: string, personId: string, reader: PersonalDataReader) => Promise<PersonalDataSection[]>;
}

/** Whoever assembles a person's data, as the rule table sees them (`req.allows`). */
export interface PersonalDataReader {
  allows: FastifyRequest['allows'];
}

/** One part of a person's data: what a capability holds about them, as plain JSON rows. */
export interface PersonalDataSection {
  /** Stable within the export: "training.records". */
  key: string;
  /** The section's heading, as a catalogue key. */
  titleKey: string;
  rows: readonly Record<string, unknown>[];
  /**
   * The rows may hold others' data (a concern case names third parties): the Clerk reviews
   * and redacts before release, and a person's own download leaves the section out.
   */
  needsReview?: boolean;
}

/** What an action is, for people reading the rule table and for the baseline rules. */
export interface ActionDeclaration {
  /** One line: what doing this means. */
  doc: string;
  /**
   * Administration belongs to the officers: a councillor of any office is refused under the
   * day-to-day-running clause. "clerk" further keeps it from the other officers, under the
   * clause that the Clerk directs the staff.
   */
  administration?: 'officers' | 'clerk';
}

export type ActionDeclarations = Readonly<Partial<Record<Action, ActionDeclaration>>>;

/** Navigation sections, so that sixteen items still fit a desktop row and a phone menu. */
export type NavGroup = 'meetings' | 'business' | 'staff' | 'setup';

export interface NavItem {
  /** The path within the council, "/enquiries". */
  path: string;
  labelKey: string;
  /** Shown to those whom the rules allow this action (asked with `req.allows`). */
  action: Action;
  /** The page's `section`, to mark the current item. */
  section: string;
  /** Top-level when absent; otherwise listed under its group's heading. */
  group?: NavGroup;
  /** Lower comes first within its group. */
  order: number;
}

export interface HomePanel {
  /** Which home pages show it. */
  roles: readonly ('clerk' | 'officer' | 'councillor')[];
  /** A Nunjucks partial that receives `panel` (what `load` returned) and the page's context. */
  template: string;
  /** Lower comes first. */
  order: number;
  /** Shown only where the rules allow this action. */
  action?: Action;
  /** The panel's data, read in the home page's transaction; `undefined` hides the panel. */
  load?: (trx: Trx, req: FastifyRequest) => Promise<unknown>;
}

/**
 * A page of the council's public information: open to everyone, signed in or not, and
 * showing only what the law and the rules make public. The public home lists each, in order.
 */
export interface PublicPage {
  /** The path within the council, "/interests/register". */
  path: string;
  /** The link's text, as a catalogue key. */
  titleKey: string;
  /** One sentence under the link saying what is there, as a catalogue key. */
  descriptionKey: string;
  /** Lower comes first. */
  order: number;
}

/** Where a rule takes effect, so the protocol page can link a clause to it. */
export interface AppliedAt {
  path: string;
  labelKey: string;
  /** What it takes to use that place: the link is shown only to those the rules allow. */
  action: Action;
}

/** What a capability's demo seed is given: the demo council and its people. */
export interface DemoContext {
  council: { id: string; nation: Nation; settings: TemplateSettings; terminology: Terminology };
  /** A demo person's id by key ("clerk", "chair", …). */
  id: (key: string) => string;
  /** The demo's today, "YYYY-MM-DD". */
  today: string;
  /** The council's translator, for records written as Concord would write them. */
  t: Translate;
}

export interface DemoSeed {
  /** Capabilities whose demo records this one refers to. */
  after?: readonly string[];
  seed(trx: Trx, ctx: DemoContext): Promise<void>;
}

/** Declares a capability; the identity function keeps its literal types for checks. */
export function defineCapability<C extends Capability>(capability: C): C {
  return capability;
}
