import type { FastifyInstance } from 'fastify';
import { buildApp, followDatabaseChanges } from './app.js';
import { publicUrlOf, type Config } from './config/config.js';
import { openDatabase, type Database } from './db/database.js';
import type { ChangeListener } from './db/changes.js';
import { createDemoCouncil, DEMO_PASSWORD, DEMO_PEOPLE } from './demo/demo.js';
import { findTemplate } from './protocol/templates/index.js';
import { createJobRunner } from './capabilities/registry.js';
import { mailerFor } from './notifications/mailer.js';
import { loadAuditKey } from './audit/keys.js';
import { AuditSealer, prepareCheckpointDir } from './audit/checkpoints.js';
import { BackupScheduler } from './backup/schedule.js';
import { ensureRetentionSweeps } from './privacy/retention.js';
import { markServing } from './backup/serving.js';

export const DEFAULT_DEMO_TEMPLATE = 'ilminster';
/** How often the server looks for due jobs (emails, reminders, escalations). */
const JOB_INTERVAL_MS = 10_000;

export interface Started {
  app: FastifyInstance;
  db: Database;
  url: string;
  stop(): Promise<void>;
}

/**
 * Open the database as its owner, bring it up to date, create the demo council if asked and
 * the database holds none; then give up the owner's rights, listen, and seal the audit log
 * every AUDIT_SEAL_SECONDS and at shutdown. Prints where Concord is and who can sign in.
 */
export async function startServer(config: Config, options: { demo: boolean; print?: (line: string) => void } = { demo: false }): Promise<Started> {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const auditKey = await loadAuditKey(config, { create: true });
  await prepareCheckpointDir(config.auditCheckpoints);
  const embedded = !('url' in config.database);
  let db = await openDatabase(config.database, { auditKey });
  const unmark = embedded ? await markServing(config.dataDir) : async () => undefined;
  let changes: ChangeListener | undefined;
  try {
    await db.migrate();
    const councils = await db.system((trx) => trx.selectFrom('councils').select(['id', 'name', 'slug']).execute());
    let createdDemo = false;
    if (councils.length === 0 && options.demo) {
      const template = findTemplate(DEFAULT_DEMO_TEMPLATE)!;
      await createDemoCouncil(db, template);
      createdDemo = true;
    }
    // The embedded database backs itself up, as the owner (a backup reads every council); a
    // PostgreSQL server is backed up by `concord backup` from its own schedule (see the README).
    const owner = db;
    const councilIds = (await db.system((trx) => trx.selectFrom('councils').select('id').execute())).map((c) => c.id);
    // From here on, requests log in as concord_app_login: RESET ROLE cannot reach the owner.
    db = await db.forRequests();
    const mailer = mailerFor(config);
    const app = await buildApp({ config, db, mailer });
    // Heard before the first request: another process may rename a council at any moment.
    changes = await followDatabaseChanges(app);
    await app.listen({ port: config.port, host: config.host });
    const { clock } = app.concord.services;
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = publicUrlOf(config, port);
    const jobs = createJobRunner({ db, mailer, clock, publicUrl: url, onError: (error, job) => app.log.warn({ err: error, job: job?.id, kind: job?.kind }, 'job failed') });
    // Each council's nightly retention sweep re-queues itself; this queues it where none waits (a council new since the last start).
    for (const councilId of councilIds) await db.tenant(councilId, (trx) => ensureRetentionSweeps(trx, [councilId], clock()));
    jobs.start(JOB_INTERVAL_MS);
    const sealer = new AuditSealer({
      db,
      key: auditKey,
      dir: config.auditCheckpoints,
      emailHours: config.auditEmailHours,
      onWarning: (message) => app.log.error(message),
    });
    await sealer.seal();
    sealer.start(config.auditSealSeconds * 1000);
    const backups =
      embedded && config.backup.everyHours > 0
        ? new BackupScheduler({
            db: owner,
            dir: config.backup.dir,
            everyHours: config.backup.everyHours,
            keep: config.backup.keep,
            onBackup: (r) => app.log.info({ file: r.file, bytes: r.bytes }, 'backed up'),
            onWarning: (message) => app.log.error(message),
          })
        : undefined;
    backups?.start();

    const all = await db.system((trx) => trx.selectFrom('councils').select(['name', 'slug', 'is_demo']).orderBy('name').execute());
    print(`Concord is running at ${url}`);
    print(`Database: ${'url' in config.database ? 'PostgreSQL server' : `embedded, in ${config.database.dataDir}`}`);
    print(`Audit log: sealed with key ${auditKey.fingerprint()}, checkpoints in ${config.auditCheckpoints}`);
    if (backups) print(`Backups: every ${config.backup.everyHours} hours into ${config.backup.dir}, the last ${config.backup.keep} kept`);
    if (all.length === 0) print('No council yet. Create one with: npx concord init --template <name>   (npx concord templates lists them)');
    for (const c of all) print(`Council: ${c.name}${all.length > 1 ? `  ${url}/c/${c.slug}/` : ''}${createdDemo && c.is_demo ? '  (demo, created now)' : ''}`);
    if (all.some((c) => c.is_demo)) {
      print(`Demo accounts (password for all: ${DEMO_PASSWORD}):`);
      for (const p of DEMO_PEOPLE) print(`  ${p.email.padEnd(22)} ${p.name}, ${describe(p)}`);
    }
    return {
      app,
      db,
      url,
      async stop() {
        await jobs.stop();
        await backups?.stop();
        await app.close();
        await changes?.close();
        await sealer.stop();
        await db.close();
        await unmark();
      },
    };
  } catch (error) {
    await changes?.close();
    await db.close().catch(() => undefined);
    await unmark();
    throw error;
  }
}

function describe(p: (typeof DEMO_PEOPLE)[number]): string {
  if (p.role === 'clerk') return 'the Clerk';
  if (p.role === 'officer') return `staff (${p.jobTitle ?? 'officer'})`;
  const office = p.office === 'chair' ? 'chair of the council' : p.office === 'vice_chair' ? 'vice-chair of the council' : 'councillor';
  const group = p.group ? `, ${p.group === 'riverside' ? 'Riverside Group' : 'Market Ward Independents'}` : p.key === 'independent' ? ', no group' : '';
  const ended = p.term && p.term.ends < new Date().toISOString().slice(0, 10) ? ', term ended' : '';
  return `${office}${group}${ended}`;
}
