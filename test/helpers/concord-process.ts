import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './throwaway-cluster.js';

/** The repository's root, where `bin/concord.mjs` is. */
const root = fileURLToPath(new URL('../..', import.meta.url));

export interface ConcordProcess {
  child: ChildProcess;
  /** Where it listens, e.g. "http://127.0.0.1:41234". */
  origin: string;
  /** All it has printed so far, standard output and error together. */
  output(): string;
  /** SIGTERM, and wait for it to end. */
  stop(): Promise<void>;
}

/**
 * `concord <args>` started as a council's server starts it, from `bin/concord.mjs`, on a free
 * port of 127.0.0.1, resolved once `/readyz` answers 200 (two minutes at most: a first start makes the demo council). `env` is added to
 * this process's environment; a key given as undefined is left out.
 */
export async function startConcord(args: string[], env: Record<string, string | undefined>): Promise<ConcordProcess> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const merged: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' })) if (value !== undefined) merged[key] = value;
  const child = spawn(process.execPath, ['bin/concord.mjs', ...args], { cwd: root, env: merged, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit');
  };
  const ready = () => fetch(`${origin}/readyz`).then((r) => r.status === 200, () => false);
  for (let attempt = 0; attempt < 1200 && !(await ready()); attempt++) {
    if (child.exitCode !== null) assert.fail(`concord ${args.join(' ')} ended (${child.exitCode}): ${output}`);
    await sleep(100);
  }
  if (!(await ready())) {
    await stop();
    assert.fail(`concord ${args.join(' ')} never became ready: ${output}`);
  }
  return { child, origin, output: () => output, stop };
}
