/** What the benches share: autocannon in a child process, signing in through the form, tables. */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import * as cheerio from 'cheerio';
import { DEMO_PASSWORD } from '../src/demo/demo.js';

export interface Target {
  name: string;
  url: string;
  headers: Record<string, string>;
}

export interface Result {
  reqPerSec: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

const require = createRequire(import.meta.url);
const autocannonCli = require.resolve('autocannon/autocannon.js');

/** One autocannon run against 127.0.0.1, in a child process (so the load does not share the servers' event loop); its summary. */
export function load(target: Target, seconds: number, connections = 10): Promise<Result> {
  const url = new URL(target.url);
  if (url.hostname !== '127.0.0.1') throw new Error(`bench: refusing to load ${url.host}; only 127.0.0.1`);
  const args = [autocannonCli, '-c', String(connections), '-d', String(seconds), '-j', '-n'];
  for (const [k, v] of Object.entries(target.headers)) args.push('-H', `${k}:${v}`);
  args.push(target.url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), (seconds + 30) * 1000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = out.trim().split('\n').at(-1) ?? '';
      try {
        const json = JSON.parse(line) as { requests: { average: number }; latency: { p99: number }; non2xx: number; errors: number; timeouts: number };
        resolve({ reqPerSec: json.requests.average, p99Ms: json.latency.p99, non2xx: json.non2xx, errors: json.errors + json.timeouts });
      } catch {
        reject(new Error(`autocannon exited ${code} without results for ${target.name}: ${err.trim() || out.trim()}`));
      }
    });
  });
}

/** Sign in through the real form at `base` (a council's address), as a browser would; the cookies that make up the session. */
export async function signIn(base: string, email: string): Promise<string> {
  const form = await fetch(`${base}/sign-in`);
  const csrfCookie = cookiePairs(form.headers);
  const token = cheerio.load(await form.text())('input[name="_csrf"]').val();
  if (typeof token !== 'string') throw new Error(`bench: no CSRF token on ${base}/sign-in (${form.status})`);
  const res = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({ _csrf: token, email, password: DEMO_PASSWORD, next: '/' }).toString(),
  });
  // Signing in wrote, and for a few seconds the browser is told so and answered afresh
  // (decisions/0028): measured here is every page asked for after that.
  const session = cookiePairs(res.headers, (pair) => !pair.startsWith('concord_wrote='));
  if (res.status !== 303 || !session.includes('concord_session=')) throw new Error(`bench: signing in as ${email} answered ${res.status}`);
  return `${csrfCookie}; ${session}`;
}

/** The name=value pairs a response sets, as a browser sends them back; those `keep` refuses left out. */
function cookiePairs(headers: Headers, keep: (pair: string) => boolean = () => true): string {
  return headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .filter(keep)
    .join('; ');
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** A Markdown table, numbers to the right. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [line(header), `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.map(line)].join('\n');
}
