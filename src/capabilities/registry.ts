import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database, Trx } from '../db/database.js';
import { cy } from '../i18n/cy.js';
import { en } from '../i18n/en.js';
import { createTranslator, type Catalogue, type Locale, type Translate } from '../i18n/messages.js';
import { JobRunner, type Job, type JobContext } from '../jobs/queue.js';
import type { Mailer } from '../notifications/mailer.js';
import { councilAddress } from '../notifications/delivery.js';
import type { Action } from '../policy/actions.js';
import { principalKey } from '../policy/principal.js';
import { identityOf } from '../db/remembered-reads.js';
import { baselineRules, ruleTable, type RuleTable } from '../policy/rules.js';
import type { RuleId, TemplateSettings, Terminology } from '../protocol/types.js';
import type { ActionDeclaration, AppliedAt, Capability, DemoContext, HomePanel, NavGroup, NavItem, PersonalDataReader, PersonalDataSection, PublicPage } from './capability.js';
import { CAPABILITIES } from './index.js';

/*
 * Everything Concord is made of, built once from the list of capabilities. Nothing here
 * names a capability: a new one appears in each of these by being in the list.
 */

type Capabilities = typeof CAPABILITIES;
/** The same list, seen as capabilities in general, for building from it. */
const ALL: readonly Capability[] = CAPABILITIES;

/** Every action some capability declares, with what it is. */
export const ACTION_DECLARATIONS: Readonly<Record<Action, ActionDeclaration>> = Object.assign({}, ...ALL.map((c) => c.actions ?? {})) as Record<Action, ActionDeclaration>;
export const ACTIONS = Object.keys(ACTION_DECLARATIONS) as Action[];

// Every action with a contract (`ActionContracts`) must be declared by a capability, so the
// rule table knows it: an undeclared one is named by the compiler here.
type ActionsOf<C> = C extends { actions: infer A } ? keyof A : never;
type DeclaredActions = ActionsOf<Capabilities[number]>;
type Undeclared = Exclude<Action, DeclaredActions>;
const everyActionDeclared: [Undeclared] extends [never] ? true : Undeclared = true;
void everyActionDeclared;

/** The protocol's rule table: the baseline rules first, then each capability's, in list order. */
export const RULE_TABLE: RuleTable = ruleTable(ACTIONS, [...baselineRules(ACTION_DECLARATIONS), ...ALL.flatMap((c) => c.rules ?? [])]);

/** The catalogues: the shared messages and every capability's, in English and in Welsh. */
export const CATALOGUES: Readonly<Record<Locale, Catalogue>> = {
  en: Object.assign({}, en, ...ALL.map((c) => c.messages ?? {})) as Catalogue,
  cy: Object.assign({}, cy, ...ALL.map((c) => c.welsh ?? {})) as Catalogue,
};

/** Keys that two sources define differently: a test keeps this empty. */
export function conflictingMessageKeys(): string[] {
  const seen = new Map<string, string>(Object.entries(en));
  const conflicts: string[] = [];
  for (const c of ALL) {
    for (const [key, text] of Object.entries(c.messages ?? {})) {
      if (seen.has(key) && seen.get(key) !== text) conflicts.push(`${c.id}: ${key}`);
      seen.set(key, text);
    }
  }
  return conflicts;
}

/** A translator for one locale, with the council's terminology as the base variables. */
export function translator(locale: Locale, base: Readonly<Record<string, string>> = {}): Translate {
  return createTranslator(CATALOGUES[locale], base, locale, CATALOGUES.en);
}

type CouncilNaming = { name: string; terminology: Terminology };

/**
 * Each council's words and translator in each language, made once per council as read: every
 * request needs them, and a council changed is read again as a new object (src/councils), so
 * what was made for the old one is never used for the new.
 */
const madeFor = new WeakMap<CouncilNaming, Partial<Record<Locale, { words: Readonly<Record<string, string>>; translate: Translate }>>>();

function madeForCouncil(council: CouncilNaming, locale: Locale): { words: Readonly<Record<string, string>>; translate: Translate } {
  let byLocale = madeFor.get(council);
  if (!byLocale) madeFor.set(council, (byLocale = {}));
  let made = byLocale[locale];
  if (!made) {
    const { welsh, ...english } = council.terminology;
    const words: Record<string, string> = { ...english, councilName: council.name };
    if (locale === 'cy' && welsh) Object.assign(words, { clerk: welsh.clerk, chair: welsh.chair, viceChair: welsh.viceChair, council: welsh.council, councilName: welsh.councilName || council.name });
    Object.freeze(words);
    made = byLocale[locale] = { words, translate: translator(locale, words) };
  }
  return made;
}

/** The council's titles and name in a language: its Welsh ones where it keeps them. */
export function councilWords(council: CouncilNaming, locale: Locale): Readonly<Record<string, string>> {
  return madeForCouncil(council, locale).words;
}

/** The council's own words: its terminology and name, for text written with no request to hand. */
export function councilTranslator(council: CouncilNaming, locale: Locale = 'en'): Translate {
  return madeForCouncil(council, locale).translate;
}

/** Where each rule takes effect, for the protocol page; a rule with no entry is "not yet". */
export const APPLIED_AT: Readonly<Partial<Record<RuleId, AppliedAt>>> = Object.assign({}, ...ALL.map((c) => c.appliedAt ?? {})) as Partial<Record<RuleId, AppliedAt>>;

/** The council's public pages, from every capability, in order: the public home lists them. */
export const PUBLIC_PAGES: readonly PublicPage[] = ALL.flatMap((c) => c.publicPages ?? []).sort((a, b) => a.order - b.order);

/** The settings a council has where its own say nothing. */
export const SETTINGS_DEFAULTS: Readonly<Partial<TemplateSettings>> = Object.assign({}, ...ALL.map((c) => c.settings ?? {})) as Partial<TemplateSettings>;

/** Register every capability's routes, in list order. */
export async function registerCapabilities(app: FastifyInstance): Promise<void> {
  for (const c of ALL) for (const routes of c.routes ?? []) await app.register(routes);
}

/** A runner with every kind of job the capabilities declare. */
export function createJobRunner(services: { db: Database; mailer: Mailer; clock: () => Date; publicUrl?: string; onError?: (error: unknown, job?: Job) => void }): JobRunner {
  // Without an address (tests, tools), links point where a default start-up would serve.
  const publicUrl = services.publicUrl ?? 'http://localhost:3000';
  const context: JobContext = {
    clock: services.clock,
    mailer: services.mailer,
    translate: (council, locale) => councilTranslator(council, locale),
    address: (council) => councilAddress(publicUrl, council),
  };
  const runner = new JobRunner(services.db, { clock: services.clock, onError: services.onError });
  for (const c of ALL) for (const job of c.jobs ?? []) runner.define(job, context);
  return runner;
}

const NAV_ITEMS: readonly NavItem[] = ALL.flatMap((c) => c.navigation ?? []).sort((a, b) => a.order - b.order);
const NAV_GROUPS: readonly NavGroup[] = ['meetings', 'business', 'staff', 'setup'];
/** More than this many items and the navigation is shown by group, so it fits one row. */
const FLAT_NAV_MAX = 7;

export interface NavLink {
  href: string;
  text: string;
  active: boolean;
}

/**
 * The service navigation for this person: the items the rules let them use, grouped when
 * there are many (a group's link opens its first item, and the group's items are listed on
 * each page within it). A group with one item shows that item.
 */
export function navigationFor(req: FastifyRequest, section: string | undefined): Navigation {
  if (!req.principal) return { items: [] };
  // Every page a person opens draws the same navigation, from the same rules: it is made once
  // for each person (all the rules read of them), clause index, language, address, day and section.
  const clauses = req.clauses ?? NO_CLAUSES;
  let made = navigationsMade.get(clauses);
  if (!made) navigationsMade.set(clauses, (made = new Map()));
  const key = `${principalKey(req.principal)}\u0000${identityOf(req.t)}\u0000${req.base}\u0000${req.today}\u0000${section ?? ''}`;
  let navigation = made.get(key);
  if (!navigation) {
    if (made.size >= NAVIGATIONS_KEPT) made.clear();
    made.set(key, (navigation = deepFreeze(makeNavigation(req, section))));
  }
  return navigation;
}

/** The navigations made for each clause index (so for each protocol version in force, and each council). */
const navigationsMade = new WeakMap<object, Map<string, Navigation>>();
const NAVIGATIONS_KEPT = 1_000;
const NO_CLAUSES = {};

type Navigation = { items: readonly NavLink[]; sub?: { label: string; items: readonly NavLink[] } };

function deepFreeze(navigation: Navigation): Navigation {
  for (const link of navigation.items) Object.freeze(link);
  if (navigation.sub) for (const link of navigation.sub.items) Object.freeze(link);
  return Object.freeze(navigation);
}

function makeNavigation(req: FastifyRequest, section: string | undefined): Navigation {
  const visible = NAV_ITEMS.filter((item) => req.allows(item.action));
  const link = (item: NavItem): NavLink => ({ href: `${req.base}${item.path}`, text: req.t(item.labelKey), active: item.section === section });
  if (visible.length <= FLAT_NAV_MAX) return { items: visible.map(link) };
  const items: NavLink[] = visible.filter((i) => !i.group).map(link);
  let sub: { label: string; items: NavLink[] } | undefined;
  for (const group of NAV_GROUPS) {
    const members = visible.filter((i) => i.group === group);
    const [first] = members;
    if (!first) continue;
    if (members.length === 1) {
      items.push(link(first));
      continue;
    }
    const links = members.map(link);
    const active = links.some((l) => l.active);
    items.push({ href: links[0]!.href, text: req.t(`nav.group.${group}`), active });
    if (active) sub = { label: req.t(`nav.group.${group}`), items: links };
  }
  return { items, sub };
}

const HOME_PANELS: readonly HomePanel[] = ALL.flatMap((c) => c.homePanels ?? []).sort((a, b) => a.order - b.order);

/** The home page's panels for this person, each with its data, read in one transaction. */
export async function homePanelsFor(trx: Trx, req: FastifyRequest): Promise<{ template: string; data: unknown }[]> {
  const me = req.user();
  const panels: { template: string; data: unknown }[] = [];
  for (const panel of HOME_PANELS) {
    if (!panel.roles.includes(me.role)) continue;
    if (panel.action && !req.allows(panel.action)) continue;
    const data = panel.load ? await panel.load(trx, req) : null;
    if (data !== undefined) panels.push({ template: panel.template, data });
  }
  return panels;
}

/** Seed every capability's demo records, each after those it refers to. */
export async function seedDemo(trx: Trx, context: DemoContext): Promise<void> {
  const done = new Set<string>();
  const pending = ALL.filter((c) => c.demo);
  while (pending.length > 0) {
    const index = pending.findIndex((c) => (c.demo?.after ?? []).every((id) => done.has(id) || !pending.some((p) => p.id === id)));
    const capability = pending[index];
    if (!capability) throw new Error(`demo seeds wait on each other: ${pending.map((c) => c.id).join(', ')}`);
    pending.splice(index, 1);
    await capability.demo?.seed(trx, context);
    done.add(capability.id);
  }
}

/**
 * What every capability holds about one person, in the order of the list, each section
 * labelled with its capability: the material of a subject access request (src/privacy).
 */
export async function personalDataOf(trx: Trx, councilId: string, personId: string, reader: PersonalDataReader): Promise<(PersonalDataSection & { capability: string })[]> {
  const sections: (PersonalDataSection & { capability: string })[] = [];
  for (const c of ALL) for (const section of (await c.personalData?.(trx, councilId, personId, reader)) ?? []) sections.push({ capability: c.id, ...section });
  return sections;
}
