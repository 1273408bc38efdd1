import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { sql } from 'kysely';
import { TEST_AUDIT_KEY } from '../../test/helpers/audit.js';
import { testDatabase } from '../../test/helpers/database.js';
import type { Database } from '../db/database.js';
import { createDemoCouncil } from '../demo/demo.js';
import { findTemplate } from '../protocol/templates/index.js';
import { audit, verifyAuditChains } from './audit.js';
import { checkpointText, type Checkpoint } from './chain.js';
import { appendCheckpoint, AuditSealer, checkpointFile, prepareCheckpointDir, readCheckpoints } from './checkpoints.js';

describe('checkpoints: the audit log sealed outside the database', () => {
  let owner: Database & { target: string };
  let db: Database;
  let dir: string;
  let a: string;
  let b: string;
  const note = (councilId: string, action = 'test.noted') => db.tenant(councilId, (trx) => audit(trx, { councilId, actorId: null, action, entityType: 'test' }));
  const head = async (councilId: string) => (await db.tenant(councilId, (trx) => trx.selectFrom('audit_log').select(sql<number>`max(seq)`.as('n')).executeTakeFirstOrThrow())).n;

  before(async () => {
    owner = await testDatabase();
    a = (await createDemoCouncil(owner, findTemplate('ilminster')!, { slug: 'ilminster' })).id;
    b = (await createDemoCouncil(owner, findTemplate('ledbury')!, { slug: 'ledbury' })).id;
    db = await owner.forRequests();
  });
  after(() => owner.close());
  beforeEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = await mkdtemp(join(tmpdir(), 'concord-checkpoints-'));
  });

  it('seals each council that has grown, once, with a signature the public key checks', async () => {
    const sealer = new AuditSealer({ db, key: TEST_AUDIT_KEY, dir });
    const first = await sealer.seal();
    assert.deepEqual(first.map((c) => c.slug), ['ilminster', 'ledbury']);
    assert.deepEqual(await sealer.seal(), [], 'nothing new, nothing sealed');
    await note(a);
    const second = await sealer.seal();
    assert.deepEqual(second.map((c) => [c.slug, c.seq]), [['ilminster', await head(a)]]);
    for (const c of [...first, ...second]) assert.equal(TEST_AUDIT_KEY.verifySignature(checkpointText(c), c.sig), true);
    const lines = (await readFile(checkpointFile(dir, a), 'utf8')).trim().split('\n');
    assert.equal(lines.length, 2, 'one JSON line per checkpoint, appended');
    assert.deepEqual(JSON.parse(lines[1]!), second[0]);
  });

  it('seals what was written before shutdown, and picks up from its file after a restart', async () => {
    const sealer = new AuditSealer({ db, key: TEST_AUDIT_KEY, dir });
    sealer.start(60_000);
    await note(b);
    await sealer.stop();
    const sealed = await readCheckpoints(dir);
    assert.equal((sealed.get(b)!.at(-1) as Checkpoint).seq, await head(b));
    const restarted = new AuditSealer({ db, key: TEST_AUDIT_KEY, dir });
    assert.deepEqual(await restarted.seal(), [], 'the last checkpoints are read back from the files');
  });

  it('warns when a log no longer holds what it held when sealed', async () => {
    const warnings: string[] = [];
    const sealer = new AuditSealer({ db, key: TEST_AUDIT_KEY, dir, onWarning: (m) => warnings.push(m) });
    await sealer.seal();
    const forged = { ...(JSON.parse((await readFile(checkpointFile(dir, a), 'utf8')).trim()) as Checkpoint), mac: 'f'.repeat(64) };
    await writeFile(checkpointFile(dir, a), `${JSON.stringify({ ...forged, sig: TEST_AUDIT_KEY.sign(checkpointText(forged)) })}\n`);
    await new AuditSealer({ db, key: TEST_AUDIT_KEY, dir, onWarning: (m) => warnings.push(m) }).seal();
    assert.deepEqual(warnings, [`The audit log of ilminster no longer holds entry ${await head(a)} as it was sealed: run concord audit verify.`]);
  });

  it('emails a council’s checkpoint to its Clerk and Monitoring Officer when asked, no more than every AUDIT_EMAIL_HOURS', async () => {
    let now = new Date('2026-11-22T12:00:00Z');
    const sealer = new AuditSealer({ db, key: TEST_AUDIT_KEY, dir, emailHours: 24, now: () => now });
    const outbox = () =>
      db.tenant(a, (trx) => trx.selectFrom('outbox_messages').select(['recipient_email', 'subject', 'body']).where('subject', 'like', 'Audit log checkpoint:%').orderBy('created_at').execute());
    await sealer.seal();
    const sent = await outbox();
    assert.deepEqual(sent.map((m) => m.recipient_email).sort(), ['clerk@example.org', 'monitoring.officer@example.org']);
    assert.match(sent[0]!.subject, /^Audit log checkpoint: Ilminster Town Council, entry \d+$/);
    assert.match(sent[0]!.body, /"council":"[0-9a-f-]{36}","slug":"ilminster","seq":\d+/);
    assert.match(sent[0]!.body, /-----BEGIN PUBLIC KEY-----/);
    await note(a);
    now = new Date('2026-11-22T13:00:00Z');
    await sealer.seal();
    assert.equal((await outbox()).length, 2, 'sealed again, but not emailed again within the day');
    await note(a);
    now = new Date('2026-11-23T12:00:00Z');
    await sealer.seal();
    assert.equal((await outbox()).length, 4);
  });

  it('stops start-up, naming the folder, when checkpoints cannot be written there', async () => {
    const file = join(dir, 'a-file');
    await writeFile(file, 'not a folder');
    await assert.rejects(prepareCheckpointDir(join(file, 'audit')), /The audit checkpoints folder .*a-file\/audit cannot be written to \(AUDIT_CHECKPOINTS\)/);
  });

  it('reports a checkpoint that was edited, a line that is not one, and a council that is gone', async () => {
    await new AuditSealer({ db, key: TEST_AUDIT_KEY, dir }).seal();
    const file = checkpointFile(dir, b);
    const line = JSON.parse((await readFile(file, 'utf8')).trim()) as Checkpoint;
    await writeFile(file, `${JSON.stringify({ ...line, seq: line.seq - 1 })}\n`);
    await appendFile(checkpointFile(dir, a), 'not json\n');
    const gone = randomUUID();
    const unsigned = { council: gone, slug: 'upper-oddington', seq: 12, mac: 'a'.repeat(64), at: '2026-11-22T12:00:00.000Z' };
    await appendCheckpoint(dir, { ...unsigned, sig: TEST_AUDIT_KEY.sign(checkpointText(unsigned)) });

    const reports = await verifyAuditChains(owner, TEST_AUDIT_KEY, dir);
    const bySlug = Object.fromEntries(reports.map((r) => [r.councilSlug, r]));
    assert.deepEqual(bySlug.ledbury!.brokenAt, { seq: line.seq - 1, reason: 'checkpoint_invalid', detail: `the checkpoint of ${line.at} is not signed with this key` });
    assert.equal(bySlug.ilminster!.brokenAt?.reason, 'checkpoint_invalid');
    assert.match(String(bySlug.ilminster?.brokenAt?.detail), /line 2 of .*\.jsonl is not a checkpoint/);
    assert.equal(bySlug['upper-oddington']!.councilMissing, true);
    assert.deepEqual(bySlug['upper-oddington']!.brokenAt, { seq: 1, reason: 'truncated', detail: 'the checkpoint of 2026-11-22T12:00:00.000Z sealed 12 entries' });
  });
});
