#!/usr/bin/env node
// Runs one TypeScript script (a bench) compiled to JavaScript in .build/, module by module, by
// the compiler that makes `concord serve`'s bundle (decisions/0023, 0027), rather than through
// tsx: tsx compiles with esbuild's keepNames, which names every function as it is made, and an
// API read measured through it served about a fifth fewer requests a second than compiled. A bench should
// measure the code a council runs; the bundle differs from these modules only in how they are loaded.
//
//   node scripts/run-compiled.mjs bench/run.ts
import { join, relative, resolve } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { BUILD_DIR, compileTests } from './compile-tests.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const script = process.argv[2];
if (!script || !script.endsWith('.ts')) {
  console.error('usage: node scripts/run-compiled.mjs <file.ts>');
  process.exit(2);
}
await compileTests(root, ['src', 'test', 'bench']);
// The same heap setting as bin/concord.mjs gives a council's server (decisions/0025).
v8.setFlagsFromString('--semi-space-growth-factor=1');
await import(pathToFileURL(join(root, BUILD_DIR, relative(root, resolve(script)).replace(/\.ts$/, '.js'))).href);
