// Runs the test files with node's test runner, as many files at once as the machine has cores,
// the browser files (the longest) first. The TypeScript is compiled to JavaScript first, once
// for both passes (scripts/compile-tests.mjs); `node --import tsx --test <file>` runs a single
// file from its source, as before.
// Usage: node scripts/run-tests.mjs [path-fragment ...]  (fragments filter the files)
//
// Every file runs on PGlite. When TEST_DATABASE_URL names a PostgreSQL server (as on CI),
// the files that run in-process (all but test/browser/) then run again against it. Each
// pass ends with the runner's summary; the exit status fails if either pass failed.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { bundleConcord } from './bundle.mjs';
import { compileTests, compiledPath } from './compile-tests.mjs';

const root = new URL('..', import.meta.url).pathname;
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.test.ts')) files.push(relative(root, path));
  }
};
walk(join(root, 'src'));
walk(join(root, 'test'));
const isBrowser = (file) => file.startsWith('test/browser/');
const filters = process.argv.slice(2);
const chosen = files
  .sort()
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort((a, b) => Number(isBrowser(b)) - Number(isBrowser(a)));
if (chosen.length === 0) {
  console.error('No test files match.');
  process.exit(1);
}

const concurrency = availableParallelism();
const { TEST_DATABASE_URL: postgresUrl, ...env } = process.env;
const passes = [{ name: 'PGlite', files: chosen, env }];
if (postgresUrl) {
  const inProcess = chosen.filter((f) => !isBrowser(f));
  if (inProcess.length > 0) passes.push({ name: 'PostgreSQL', files: inProcess, env: { ...env, TEST_DATABASE_URL: postgresUrl } });
}

const started = Date.now();
const build = await compileTests(root);
console.log(`# compiled ${build.compiled} of ${build.total} TypeScript files in ${Date.now() - started} ms`);
// `concord` itself runs a bundle (scripts/bundle.mjs): made here once, not by each test that starts it.
const bundling = Date.now();
await bundleConcord(root);
console.log(`# bundled for \`concord\` in ${Date.now() - bundling} ms`);

let failed = false;
for (const pass of passes) {
  console.log(`# ${pass.name}: ${pass.files.length} test files, ${concurrency} at a time`);
  // Source maps on, as under tsx, so that a failure names the line of the .ts file.
  const args = ['--enable-source-maps', '--test', `--test-concurrency=${concurrency}`, ...pass.files.map(compiledPath)];
  const result = spawnSync(process.execPath, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...pass.env, TZ: 'Europe/London' },
  });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
