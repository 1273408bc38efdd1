/**
 * A PostgreSQL server of its own, in a temporary folder on a free port, that may be stopped and
 * restarted at will: a shared server cannot be, since other work is using it. It needs the
 * server's programs (initdb, pg_ctl) on this machine; run as root, they run as the `postgres`
 * user, since initdb refuses root, and the folder is given to that user.
 */
import { execFile } from 'node:child_process';
import { chown, mkdtemp, readdir, rm, access, constants } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Cluster {
  /** postgres://postgres@127.0.0.1:port/postgres */
  url: string;
  port: number;
  /** `pg_ctl restart -m fast`: connections are ended, the server is back when this returns. */
  restart(): Promise<void>;
  /** `pg_ctl stop -m fast`. */
  stop(): Promise<void>;
  /** `pg_ctl start`, returning once it accepts connections. */
  start(): Promise<void>;
  /** Stop the server, if it runs, and remove its folder. */
  destroy(): Promise<void>;
}

/** The folder of the newest PostgreSQL's programs, or undefined where none is installed. */
export async function postgresPrograms(): Promise<string | undefined> {
  const root = '/usr/lib/postgresql';
  const versions = await readdir(root).catch(() => [] as string[]);
  for (const version of versions.sort((a, b) => Number(b) - Number(a))) {
    const bin = join(root, version, 'bin');
    const ok = await Promise.all(['initdb', 'pg_ctl'].map((p) => access(join(bin, p), constants.X_OK))).then(
      () => true,
      () => false,
    );
    if (ok) return bin;
  }
  return undefined;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** A new, running cluster; trust authentication on 127.0.0.1 only. */
export async function createCluster(): Promise<Cluster> {
  const bin = await postgresPrograms();
  if (!bin) throw new Error('No PostgreSQL programs (initdb, pg_ctl) under /usr/lib/postgresql/*/bin');
  const folder = await mkdtemp(join(tmpdir(), 'concord-cluster-'));
  const asRoot = userInfo().uid === 0;
  // initdb will not run as root: the server's own user runs every program, and owns the folder.
  const as = async (program: string, args: string[]) => {
    const file = join(bin, program);
    const { stdout } = asRoot ? await run('runuser', ['-u', 'postgres', '--', file, ...args]) : await run(file, args);
    return stdout;
  };
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(folder, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = join(folder, 'data');
  const port = await freePort();
  const log = join(folder, 'server.log');
  const options = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off`;
  let running = false;
  const ctl = async (...args: string[]) => as('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', ...args]);
  try {
    await as('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--locale=C']);
    await ctl('-o', options, 'start');
    running = true;
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async restart() {
      await ctl('-m', 'fast', '-o', options, 'restart');
    },
    async stop() {
      await ctl('-m', 'fast', 'stop');
      running = false;
    },
    async start() {
      await ctl('-o', options, 'start');
      running = true;
    },
    async destroy() {
      if (running) await ctl('-m', 'immediate', 'stop').catch(() => undefined);
      await rm(folder, { recursive: true, force: true });
    },
  };
}
