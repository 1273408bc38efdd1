// Bundles Concord and the libraries it loads at start into one JavaScript file, .build/concord.cjs,
// which `concord` runs (bin/concord.mjs, through scripts/run-bundle.mjs). Node loads each module
// of a program one at a time: some 400 of Concord's own and 1,100 of its libraries', over a
// second of the start of `concord serve`; one file loads in about half a second (decisions/0027).
// It is a CommonJS script rather than an ES module so that V8 can keep what it compiled of it
// for the next start (an ES module's compiled code cannot be kept on Node 20).
//
// It is made again when a source under src/ changed since it was made (their times and sizes, as
// .build/sources.json keeps them after scripts/compile-tests.mjs), when the libraries installed
// changed, or when esbuild, this script or package.json did. Each module of Concord keeps its own import.meta.url, dirname and
// filename (those of its .ts file), as in .build/, so views, assets and fonts are found where
// they are.
import { build, version as esbuildVersion } from 'esbuild';
import { createHash } from 'node:crypto';
import { closeSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { BUILD_DIR, compileSource } from './compile-tests.mjs';

export const BUNDLE = 'concord.cjs';

/**
 * Libraries loaded from node_modules as they are, not bundled: those that find files of their
 * own beside their code (PGlite's WebAssembly, argon2's native binding, Sass), the compilers,
 * and the heavy ones Concord imports only when it needs them (reading an uploaded document,
 * writing a PDF), which would otherwise be parsed at every start.
 */
const LEFT_OUT = [
  '@electric-sql/pglite',
  '@node-rs/argon2',
  'sass',
  'esbuild',
  'tsx',
  'mammoth',
  'pdfjs-dist',
  'pdfkit',
  'pdf-lib',
  '@pdf-lib/fontkit',
  'file-type',
  // pino starts its transports' workers from files beside its code; Concord uses none, but the paths are computed where it is.
  'pino',
  'thread-stream',
];

/** The bundle's path, made first if it is missing or older than the sources (see above). */
export async function bundleConcord(root) {
  const out = join(root, BUILD_DIR);
  const file = join(out, BUNDLE);
  const stamp = stampOf(root, out);
  // The stamp is the bundle's first line, so a bundle and what it was made from are renamed
  // into place together: two processes making it at once cannot pair one's bundle with the
  // other's stamp.
  const firstLine = `// concord bundle ${stamp}`;
  try {
    const fd = openSync(file, 'r');
    const head = Buffer.alloc(firstLine.length);
    try {
      readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
    if (head.toString('utf8') === firstLine) return file;
  } catch {
    // not made yet
  }
  removeLeftovers(out);
  const result = await build({
    entryPoints: [join(root, 'src', 'cli', 'main.ts')],
    outfile: file,
    write: false,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: LEFT_OUT,
    // The libraries left out are loaded with `import()` where they are needed: through the
    // loader scripts/run-bundle.mjs hands the bundle, or Node's own when Node loads the file.
    // Strict, as each of Concord's modules is: a directive counts only before any statement.
    banner: { js: `${firstLine}\n'use strict';\nconst concordImport = typeof __concordImport === 'function' ? __concordImport : (specifier) => import(specifier);` },
    // Beside it, named at its end: NODE_OPTIONS=--enable-source-maps makes stack traces name the .ts lines.
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'silent',
    plugins: [ownUrls(join(root, 'src') + sep, JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8')).compilerOptions ?? {})],
  });
  // Each written aside and renamed, so that a process starting meanwhile reads the old one or
  // the new one, whole; the map first, so a new bundle never names a missing map.
  const files = result.outputFiles.sort((a, b) => Number(a.path === file) - Number(b.path === file));
  for (const output of files) {
    const aside = `${output.path}.${process.pid}.tmp`;
    writeFileSync(aside, output.path === file ? throughLoader(output.text) : output.contents);
    renameSync(aside, output.path);
  }
  return file;
}

/**
 * Each `import()` of a library left out, as esbuild writes it, made a call of `concordImport`.
 * V8 forgets, for a function whose code it took from a cache, where its `import()` should be
 * resolved from (Node 20 then has no loader to call); a function given to the bundle has none to forget.
 */
function throughLoader(code) {
  const names = LEFT_OUT.map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|');
  return code.replace(new RegExp(`\\bimport\\("(${names})(/[^"]*)?"\\)`, 'g'), (_, name, rest = '') => `concordImport("${name}${rest}")`);
}

/**
 * What the bundle is made from: every source under src/ but the tests (their times and sizes),
 * the libraries installed (npm's record of node_modules, and the lock file), esbuild, this
 * script and package.json.
 */
function stampOf(root, out) {
  const src = join(root, 'src') + sep;
  const sources = JSON.parse(readFileSync(join(out, 'sources.json'), 'utf8'));
  const hash = createHash('sha256');
  const read = (path) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return '';
    }
  };
  hash.update(
    JSON.stringify({
      esbuildVersion,
      self: readFileSync(new URL(import.meta.url), 'utf8'),
      pkg: read(join(root, 'package.json')),
      lock: read(join(root, 'package-lock.json')),
      installed: read(join(root, 'node_modules', '.package-lock.json')),
    }),
  );
  for (const path of Object.keys(sources).sort()) if (path.startsWith(src) && !path.endsWith('.test.ts')) hash.update(`${path}\0${sources[path]}\n`);
  return hash.digest('hex');
}

/** Files a process making the bundle left when it was stopped (an hour old is long gone). */
function removeLeftovers(out) {
  for (const name of readdirSync(out)) {
    if (!name.startsWith(`${BUNDLE}.`) || !name.endsWith('.tmp')) continue;
    const path = join(out, name);
    try {
      if (Date.now() - statSync(path).mtimeMs > 3_600_000) rmSync(path, { force: true });
    } catch {
      // gone meanwhile
    }
  }
}

/**
 * Each of Concord's modules sees its own source's URL, folder and file name: compiled as
 * scripts/compile-tests.mjs compiles each module there.
 */
function ownUrls(src, compilerOptions) {
  return {
    name: 'concord-own-urls',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (!args.path.startsWith(src)) return undefined;
        const { code } = await compileSource(await readFile(args.path, 'utf8'), args.path, compilerOptions);
        return { contents: code, loader: 'js', resolveDir: dirname(args.path) };
      });
    },
  };
}
