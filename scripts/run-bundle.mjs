// Runs the bundle scripts/bundle.mjs makes, with what V8 compiled of it at the previous start.
//
// V8 spends most of the bundle's load compiling it: some 8 MB of JavaScript, about 0.6 s of a
// start on a shared machine, against 0.35 s running it. V8 can hand back what it compiled of a
// script (`createCachedData`) and take it again at the next start instead of compiling anew
// (`cachedData`), as Node 22's `module.enableCompileCache()` does for every module and the
// v8-compile-cache library does through a hook on `require`. On Node 20 neither is there for one
// file, so this is the same few steps, on the bundle alone: the bundle is a CommonJS script, run
// inside CommonJS's own wrapper, and its compiled code is kept beside it in `<bundle>.v8cache`.
//
// V8 checks that the code it is given was made by the same V8 with the same flags, but of the
// source only its length; so the cache begins with the bundle's stamp (its first line, which
// names what it was made from), and a cache of another bundle is not offered to V8 at all.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import vm from 'node:vm';

/**
 * The bundle's exports. Node reads a source map only for files it loads itself: with stack
 * traces in .ts lines asked for (NODE_OPTIONS=--enable-source-maps), the bundle is loaded as
 * Node loads it, and no compiled code is kept.
 */
export function runBundle(file, { keepCompiled = !process.sourceMapsEnabled } = {}) {
  if (!keepCompiled) return createRequire(import.meta.url)(file);
  const source = readFileSync(file, 'utf8');
  const stamp = Buffer.from(`${source.slice(0, source.indexOf('\n'))}\n`);
  const cacheFile = `${file}.v8cache`;
  const cachedData = cacheOf(cacheFile, stamp);
  // The wrapper on the bundle's first line, so that every line keeps its number.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, __concordImport) {${source}\n})`, { filename: file, cachedData });
  const module = { exports: {}, id: file, filename: file, loaded: false };
  // The libraries left out of the bundle, loaded only when needed, are imported from here: the
  // same node_modules as from the bundle's folder beside this one (scripts/bundle.mjs).
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file), (specifier) => import(specifier));
  module.loaded = true;
  // Made after the bundle has run: V8 keeps then what it compiled while running it too.
  if (!cachedData || script.cachedDataRejected) keep(cacheFile, Buffer.concat([stamp, script.createCachedData()]));
  return module.exports;
}

/** The compiled code kept for this bundle, or nothing (none kept, or kept for another bundle). */
function cacheOf(cacheFile, stamp) {
  try {
    const kept = readFileSync(cacheFile);
    return kept.subarray(0, stamp.length).equals(stamp) ? kept.subarray(stamp.length) : undefined;
  } catch {
    return undefined;
  }
}

/** Written aside and renamed, so a process starting meanwhile reads a whole one; where it cannot be written (a read-only install), it is only slower. */
function keep(cacheFile, data) {
  const aside = `${cacheFile}.${process.pid}.tmp`;
  try {
    writeFileSync(aside, data);
    renameSync(aside, cacheFile);
  } catch {
    // not kept
  }
}
