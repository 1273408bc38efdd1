#!/usr/bin/env node
// Concord's command line. It runs Concord compiled to JavaScript in .build/ (compiled here when
// a source changed since it was compiled: about a second the first time, a fifth of one after), which
// starts seconds sooner and holds less memory than compiling through tsx as it loads
// (decisions/0023), and bundled into one file with its libraries, which loads in half the time
// again, and sooner still with what V8 compiled of it kept for the next start (decisions/0027).
// Where .build/ cannot be written (a read-only install), it runs the TypeScript sources through
// tsx instead.
import { join } from 'node:path';
import v8 from 'node:v8';

// V8 lets its young generation grow to 32 MB and its old one fill with what the young one
// promotes before collecting; a server's requests leave little that lives, so keeping the young
// generation at its starting size roughly halves the heap under load, at a cost in speed the
// bench could not tell from noise (decisions/0025). Start-up flags (--max-semi-space-size) cannot be set from here; this
// one V8 reads when it would grow. A V8 that no longer knows it prints a line and carries on.
v8.setFlagsFromString('--semi-space-growth-factor=1');
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

async function compiledMain() {
  let compiled;
  try {
    const { compileTests, BUILD_DIR } = await import('../scripts/compile-tests.mjs');
    await compileTests(root, ['src']);
    compiled = join(root, BUILD_DIR, 'src', 'cli', 'main.js');
    // One file, Concord and its libraries bundled, loads in half the time of its modules one by
    // one (decisions/0027); where it cannot be made, the modules are loaded as they are.
    if (!process.env.CONCORD_UNBUNDLED) {
      const { bundleConcord } = await import('../scripts/bundle.mjs');
      const bundle = await bundleConcord(root);
      const { runBundle } = await import('../scripts/run-bundle.mjs');
      const { main } = runBundle(bundle);
      if (process.env.CONCORD_DEBUG_START) console.error(`concord: running ${bundle}`);
      return main;
    }
  } catch (error) {
    if (process.env.CONCORD_DEBUG_START) console.error('concord: bundling or compiling failed:', error);
  }
  if (!compiled) return undefined;
  try {
    const { main } = await import(pathToFileURL(compiled).href);
    if (process.env.CONCORD_DEBUG_START) console.error(`concord: running ${compiled}`);
    return main;
  } catch (error) {
    if (process.env.CONCORD_DEBUG_START) console.error('concord: running the sources through tsx:', error);
    return undefined;
  }
}

let main = process.env.CONCORD_TSX ? undefined : await compiledMain();
if (!main) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
