/**
 * Test support shared by the set-up folders' tests (not a test file itself): every set-up
 * page and write is the Clerk's, so each folder checks the same two refusals, and reads
 * the audit log the same way.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import type { DemoKey, TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';
import type { RuleId } from '../protocol/types.js';

interface Refusal {
  key: 'chair' | 'officer';
  errorId: string;
  rule: RuleId;
}

/**
 * A councillor (the chair, whose office gives no extra power) is refused because councillors
 * take no part in the day-to-day running; an officer, because the Clerk manages the set-up.
 */
export const SETUP_REFUSALS: readonly Refusal[] = [
  { key: 'chair', errorId: 'day_to_day_running', rule: 'no-day-to-day-running' },
  { key: 'officer', errorId: 'clerk_manages_staff', rule: 'clerk-manages-staff' },
];

/** The numbers of the current protocol's clauses that carry `rule`, in the protocol's order. */
export async function clausesCarrying(ctx: TestContext, rule: RuleId): Promise<string[]> {
  const rows = await ctx.db.tenant(ctx.council.id, (trx) =>
    trx
      .selectFrom('protocol_clauses as c')
      .innerJoin('protocol_versions as v', 'v.id', 'c.version_id')
      .where('v.is_current', '=', true)
      .where(sql<boolean>`${rule} = any(c.rules)`)
      .select('c.number')
      .orderBy('c.position')
      .execute(),
  );
  return rows.map((r) => r.number);
}

/** A client signed in through the real form as one of the demo people. */
export async function signedIn(ctx: TestContext, key: DemoKey): Promise<TestClient> {
  const client = new TestClient(ctx.app);
  await client.signIn(ctx.emailOf(key));
  return client;
}

/** The audit log's entries for `action`, oldest first. */
export function auditEntries(ctx: TestContext, action: string) {
  return ctx.db.tenant(ctx.council.id, (trx) =>
    trx.selectFrom('audit_log').select(['actor_id', 'entity_id', 'data']).where('action', '=', action).orderBy('seq').execute(),
  );
}

/** The council's name as stored now: a test may have renamed it. */
export async function councilName(ctx: TestContext): Promise<string> {
  const row = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('councils').select('name').executeTakeFirstOrThrow());
  return row.name;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** How many audit entries other than refusals `personId` has made: a refused request adds none. */
export async function changesBy(ctx: TestContext, personId: string): Promise<number> {
  const rows = await ctx.db.tenant(ctx.council.id, (trx) =>
    trx.selectFrom('audit_log').select('id').where('actor_id', '=', personId).where('action', '!=', 'access.refused').execute(),
  );
  return rows.length;
}

/**
 * Registers tests that each of `pages` (GET), `posts` (form posts) and `writes` (API calls)
 * is refused to the chair and to the officer with 403, naming the first clause that carries
 * the rule, and that nothing is changed.
 */
export function itRefusesSetupToOthers(
  getCtx: () => TestContext,
  requests: (ctx: TestContext) => {
    pages: string[];
    posts: { path: string; fields: Record<string, string | string[]> }[];
    writes: { method: 'POST' | 'PUT'; path: string; body: unknown }[];
  },
): void {
  for (const { key, errorId, rule } of SETUP_REFUSALS) {
    it(`refuses the ${key} every page, form post and API write, naming the clause, and changes nothing`, async () => {
      const ctx = getCtx();
      const what = requests(ctx);
      const carrying = await clausesCarrying(ctx, rule);
      assert.ok(carrying.length > 0, `the protocol carries ${rule}`);
      // decide cites every clause carrying the rule, and the message names the first.
      const [first] = carrying;
      const protocol = `${await councilName(ctx)} protocol`;
      const cites = new RegExp(`Refused under clause ${escape(first!)} of the ${escape(protocol)}`);
      const client = await signedIn(ctx, key);
      const changes = await changesBy(ctx, ctx.people[key]);

      for (const path of what.pages) {
        const page = await client.get(path);
        assert.equal(page.status, 403, path);
        assert.equal(page.$('[data-testid="refusal"]').attr('data-error-id'), errorId, path);
        assert.match(page.text('[data-testid="refusal"]'), cites, path);
        assert.equal(page.$('main form').length, 0, `${path}: no form is offered`);
      }
      for (const post of what.posts) {
        const page = await client.post(post.path, post.fields);
        assert.equal(page.status, 403, post.path);
        assert.equal(page.$('[data-testid="refusal"]').attr('data-error-id'), errorId, post.path);
      }
      for (const write of what.writes) {
        const res = await client.api(write.method, write.path, write.body);
        assert.equal(res.statusCode, 403, `${write.method} ${write.path}`);
        const error = res.json().error;
        assert.equal(error.id, errorId);
        assert.equal(error.clause.number, first);
        assert.equal(error.clause.protocol, protocol);
        assert.ok(carrying.includes(error.clause.number), 'the clause is one the protocol carries');
        assert.match(error.message, cites);
      }
      assert.equal(await changesBy(ctx, ctx.people[key]), changes, 'nothing was changed');
    });
  }
}
