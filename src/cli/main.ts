import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../config/config.js';
import { DatabaseError, openDatabase } from '../db/database.js';
import { describeBreak, verifyAuditChains } from '../audit/audit.js';
import { loadAuditKey } from '../audit/keys.js';
import { createCouncil, slugify } from '../councils/create.js';
import { createDemoCouncil } from '../demo/demo.js';
import { hashPassword } from '../auth/passwords.js';
import { audit } from '../audit/audit.js';
import { templates, findTemplate } from '../protocol/templates/index.js';
import { startServer } from '../server.js';
import { CalendarUsageError, summonsDateCommand } from '../calendar/cli.js';
import { BackupError, writeBackup } from '../backup/backup.js';
import { restoreBackup } from '../backup/restore.js';
import { recordBackup } from '../backup/schedule.js';
import { servingProcess } from '../backup/serving.js';

const USAGE = `Usage: concord <command> [options]

Commands:
  serve [--demo]                 Run Concord. With --demo, create the demo council if there is none.
  init --template <name>         Create a council from a protocol template.
       [--council-name <name>] [--slug <slug>] [--host <hostname>]
       [--clerk-name <name> --clerk-email <email>] [--demo]
  migrate                        Bring the database up to date.
  audit verify                   Check every council's audit log with the audit key and
                                 against its signed checkpoints.
  backup [--to <file>]           Back up the whole deployment, or one council, into a file
       [--council <slug>]        (by default into BACKUP_DIR), while Concord runs.
  restore <file>                 Restore a backup: a whole deployment into an empty data folder
                                 or database, or one council into a deployment without it;
                                 then check its audit log.
  templates                      List the protocol templates.
  summons-date <YYYY-MM-DD>      The latest date to issue a meeting's summons, and each day
       [--council <id>] [--json] not counted, with why.

Settings come from the environment: DATABASE_URL, DATABASE_APP_URL, CONCORD_DATA, AUDIT_KEY_FILE,
PORT, HOST (see the README).`;

type Out = { log: (line: string) => void; error: (line: string) => void };
const stdio: Out = { log: (l) => process.stdout.write(`${l}\n`), error: (l) => process.stderr.write(`${l}\n`) };

/** Runs one command; returns the exit code. */
export async function main(argv: string[], env: Record<string, string | undefined> = process.env, out: Out = stdio): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        return await serve(rest, loadConfig(env), out);
      case 'init':
        return await init(rest, loadConfig(env), out);
      case 'migrate':
        return await migrate(loadConfig(env), out);
      case 'audit':
        if (rest[0] !== 'verify') break;
        return await auditVerify(loadConfig(env), out);
      case 'backup':
        return await backupCommand(rest, loadConfig(env), out);
      case 'restore':
        return await restoreCommand(rest, loadConfig(env), out);
      case 'summons-date':
        return await summonsDateCommand(rest, () => loadConfig(env), out);
      case 'templates':
        for (const t of templates) out.log(`${t.key.padEnd(12)} ${t.council.name.padEnd(30)} ${t.description}`);
        return 0;
      case undefined:
      case 'help':
      case '--help':
        out.log(USAGE);
        return 0;
    }
    out.error(`Unknown command: ${argv.join(' ')}\n\n${USAGE}`);
    return 2;
  } catch (error) {
    if (error instanceof CalendarUsageError) {
      out.error(error.message);
      return 2;
    }
    const listening = cannotListen(error, env);
    if (listening) {
      out.error(listening);
      return 1;
    }
    if (error instanceof ConfigError || error instanceof DatabaseError || error instanceof UsageError || error instanceof BackupError) {
      out.error(error.message);
      return error instanceof UsageError ? 2 : 1;
    }
    throw error;
  }
}

class UsageError extends Error {}

/**
 * Why the server could not take its address, in a clerk's words (another program on the port,
 * most often a second Concord), or undefined for any other error.
 */
function cannotListen(error: unknown, env: Record<string, string | undefined>): string | undefined {
  const { code, syscall, address, port } = (error ?? {}) as { code?: string; syscall?: string; address?: string; port?: number };
  if (syscall !== 'listen') return undefined;
  const where = `${address ?? env.HOST ?? '127.0.0.1'}:${port ?? env.PORT ?? ''}`;
  if (code === 'EADDRINUSE') return `Concord cannot listen on ${where}: another program is using that port. Stop it, or choose another port with PORT.`;
  if (code === 'EACCES') return `Concord cannot listen on ${where}: this user may not use that port. Choose one above 1023 with PORT.`;
  if (code === 'EADDRNOTAVAIL') return `Concord cannot listen on ${where}: this machine has no such address. Choose another with HOST.`;
  return `Concord cannot listen on ${where}: ${(error as Error).message}`;
}

/** The embedded database is one process's: refuse to open it while a server has it. */
async function refuseWhileServing(config: Config, what: string): Promise<void> {
  if ('url' in config.database) return;
  const pid = await servingProcess(config.dataDir);
  if (pid === undefined) return;
  throw new UsageError(
    `Concord (process ${pid}) is serving from ${config.dataDir}, and the embedded database cannot be opened twice. ` +
      (what === 'backup'
        ? `While it runs it backs itself up into ${config.backup.dir} every ${config.backup.everyHours || 24} hours (BACKUP_HOURS); to ${what} now, stop it first.`
        : `Stop it before you ${what}.`),
  );
}

async function backupCommand(args: string[], config: Config, out: Out): Promise<number> {
  const { values } = parse(args, { to: { type: 'string' }, council: { type: 'string' } });
  await refuseWhileServing(config, 'backup');
  const db = await openDatabase(config.database);
  try {
    await db.migrate();
    const now = new Date();
    const stamp = now.toISOString().slice(0, 16).replace(':', '');
    const file = resolve(values.to ?? join(config.backup.dir, `concord-${values.council ?? 'all'}-${stamp}.backup.gz`));
    const result = await writeBackup(db, file, { council: values.council, now });
    await recordBackup(db, result, now);
    const rows = Object.values(result.tables).reduce((n, t) => n + t.rows, 0);
    const what = result.scope.kind === 'council' ? `the council ${result.scope.slug}` : `the whole deployment (${result.councils.length} council${result.councils.length === 1 ? '' : 's'})`;
    out.log(`Backed up ${what}: ${rows} rows in ${Object.keys(result.tables).length} tables, ${(result.bytes / 1024).toFixed(0)} KB, to ${file}`);
    return 0;
  } finally {
    await db.close();
  }
}

async function restoreCommand(args: string[], config: Config, out: Out): Promise<number> {
  let positionals: string[];
  try {
    ({ positionals } = parseArgs({ args, options: {}, allowPositionals: true, strict: true }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError('restore needs the backup file: concord restore <file>');
  await refuseWhileServing(config, 'restore');
  // The audit log is checked with the key it was sealed with: the deployment's own, never a new one.
  const auditKey = await loadAuditKey(config, { create: false });
  const db = await openDatabase(config.database, { auditKey });
  try {
    const result = await restoreBackup(db, resolve(file));
    const rows = Object.values(result.tables).reduce((n, t) => n + t.rows, 0);
    const scope = result.header.scope;
    out.log(`Restored ${scope.kind === 'council' ? `the council ${scope.slug}` : 'the whole deployment'} from the backup of ${result.header.createdAt}: ${rows} rows in ${Object.keys(result.tables).length} tables, each count and checksum as backed up.`);
    if (result.upgradedWith.length) out.log(`Brought up to date with: ${result.upgradedWith.join(', ')}`);
    const restored = scope.kind === 'council' ? [scope.id] : undefined;
    const reports = (await verifyAuditChains(db, auditKey)).filter((r) => !restored || restored.includes(r.councilId));
    let broken = 0;
    for (const r of reports) {
      if (r.brokenAt) {
        broken++;
        out.error(`${r.councilSlug}: audit log BROKEN at entry ${r.brokenAt.seq} (${describeBreak(r.brokenAt)}). Was the backup made under another audit key (AUDIT_KEY_FILE)?`);
      } else out.log(`${r.councilSlug}: audit log intact, ${r.entries} entries`);
    }
    return broken ? 1 : 0;
  } finally {
    await db.close();
  }
}

async function serve(args: string[], config: Config, out: Out): Promise<number> {
  const { values } = parse(args, { demo: { type: 'boolean', default: false } });
  const server = await startServer(config, { demo: Boolean(values.demo), print: out.log });
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.stop();
  return 0;
}

async function init(args: string[], config: Config, out: Out): Promise<number> {
  const { values } = parse(args, {
    template: { type: 'string' },
    'council-name': { type: 'string' },
    slug: { type: 'string' },
    host: { type: 'string', multiple: true },
    'clerk-name': { type: 'string' },
    'clerk-email': { type: 'string' },
    demo: { type: 'boolean', default: false },
  });
  const key = values.template;
  if (!key) throw new UsageError(`init needs --template <name>. Templates: ${templates.map((t) => t.key).join(', ')}`);
  const template = findTemplate(key);
  if (!template) throw new UsageError(`There is no template called "${key}". Choose one of: ${templates.map((t) => t.key).join(', ')}`);
  const name = (values['council-name']) ?? template.council.name;
  const slug = (values.slug) ?? slugify(name);
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(slug)) throw new UsageError(`--slug must be lower-case letters, digits and hyphens: "${slug}"`);
  const clerkEmail = values['clerk-email'];
  const clerkName = values['clerk-name'];
  if (Boolean(clerkEmail) !== Boolean(clerkName)) throw new UsageError('Give both --clerk-name and --clerk-email, or neither.');

  const auditKey = await loadAuditKey(config, { create: true });
  const db = await openDatabase(config.database, { auditKey });
  try {
    await db.migrate();
    const taken = await db.system((trx) => trx.selectFrom('councils').select('id').where('slug', '=', slug).executeTakeFirst());
    if (taken) throw new UsageError(`A council with the slug "${slug}" already exists. Choose another with --slug.`);
    const hostnames = ((values.host) ?? []).map((h) => h.toLowerCase());
    const council = values.demo
      ? await createDemoCouncil(db, template, { name, slug })
      : await createCouncil(db, { template, name, slug, hostnames });
    out.log(`Created ${council.name} (${template.key} template), slug "${council.slug}".`);
    if (clerkEmail && clerkName) {
      const password = randomBytes(12).toString('base64url');
      const hash = await hashPassword(password);
      await db.tenant(council.id, async (trx) => {
        const clerk = await trx
          .insertInto('people')
          .values({ council_id: council.id, name: clerkName, email: clerkEmail, password_hash: hash, role: 'clerk', job_title: template.terminology.clerk, council_office: null, term_starts: null, term_ends: null, is_rfo: template.settings.clerkIsRfo })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit(trx, { councilId: council.id, actorId: null, action: 'person.created', entityType: 'person', entityId: clerk.id, data: { role: 'clerk', via: 'init' } });
      });
      out.log(`The ${template.terminology.clerk}, ${clerkName}, signs in as ${clerkEmail} with the password: ${password}`);
      out.log('Keep it safe: it is not shown again.');
    }
    return 0;
  } finally {
    await db.close();
  }
}

async function migrate(config: Config, out: Out): Promise<number> {
  const db = await openDatabase(config.database);
  try {
    const applied = await db.migrate();
    out.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
    return 0;
  } finally {
    await db.close();
  }
}

async function auditVerify(config: Config, out: Out): Promise<number> {
  const auditKey = await loadAuditKey(config, { create: false });
  const db = await openDatabase(config.database, { auditKey });
  try {
    await db.migrate();
    const reports = await verifyAuditChains(db, auditKey, config.auditCheckpoints);
    let broken = 0;
    for (const r of reports) {
      const name = r.councilMissing ? `${r.councilSlug} (no longer in the database)` : r.councilSlug;
      if (r.brokenAt) {
        broken++;
        out.error(`${name}: BROKEN at entry ${r.brokenAt.seq} (${describeBreak(r.brokenAt)}), of ${r.entries} entries`);
      } else {
        const sealed = r.sealedTo > 0 ? `sealed to entry ${r.sealedTo}` : 'no checkpoint yet';
        out.log(`${name}: intact, ${r.entries} entries, ${sealed}`);
      }
    }
    if (reports.length === 0) out.log('No councils yet.');
    return broken ? 1 : 0;
  } finally {
    await db.close();
  }
}

/** Reads a command's options, turning a mistake into a usage message. */
function parse<const O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: false, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
}
