// Compiles the TypeScript under src/ and test/ to JavaScript, once, into .build/ (a mirror of
// the tree, not committed), so that each test file's process, and `concord serve`, load plain
// JavaScript rather than compiling through tsx's loader as they go: that loader is most of the
// time a test file takes to start, and seconds of Concord's own start (decisions/0023).
//
// Each file is compiled alone (esbuild's transform, as tsx does), and only when its source has
// changed since (its time or size). A compiled module reads files where its source is: its
// import.meta.url, dirname and filename are those of the .ts file, so views, assets, migrations
// and the tests that read the source find what they find under tsx. Its imports of other
// modules resolve in the mirror, to their compiled copies.
import { transform, version as esbuildVersion } from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

export const BUILD_DIR = '.build';
const SOURCE_DIRS = ['src', 'test'];

/**
 * Compile what changed under `dirs` (both by default; `concord` itself compiles src/ only);
 * returns the build folder and how many files were compiled.
 */
export async function compileTests(root, dirs = SOURCE_DIRS) {
  const out = join(root, BUILD_DIR);
  const tsconfig = readFileSync(join(root, 'tsconfig.json'), 'utf8');
  const self = readFileSync(new URL(import.meta.url), 'utf8');
  // A new esbuild, tsconfig or compiler script compiles everything again.
  const stamp = JSON.stringify({ esbuildVersion, tsconfig, self });
  const stampFile = join(out, 'stamp.json');
  let fresh = false;
  try {
    fresh = readFileSync(stampFile, 'utf8') !== stamp;
  } catch {
    fresh = true;
  }
  if (fresh) rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });

  const sources = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) sources.push(path);
    }
  };
  for (const dir of dirs) walk(join(root, dir));

  // Each source's time and size when it was last compiled: any difference compiles it again, so
  // sources older than their copies (a release unpacked with its files' times kept) are not missed.
  const manifestFile = join(out, 'sources.json');
  let manifest = {};
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch {
    // nothing compiled yet
  }
  const wanted = new Set();
  const stale = [];
  for (const source of sources) {
    const target = join(out, relative(root, source)).replace(/\.ts$/, '.js');
    wanted.add(target);
    const { mtimeMs, size } = statSync(source);
    const seen = `${mtimeMs}:${size}`;
    let compiled = false;
    try {
      compiled = statSync(target).isFile() && manifest[source] === seen;
    } catch {
      // not yet compiled
    }
    if (!compiled) stale.push({ source, target, seen });
  }
  const compilerOptions = JSON.parse(tsconfig).compilerOptions ?? {};
  await Promise.all(
    stale.map(async ({ source, target }) => {
      const result = await compileSource(readFileSync(source, 'utf8'), source, compilerOptions);
      mkdirSync(dirname(target), { recursive: true });
      // Written aside and renamed, so that a runner started at the same time never reads half a file.
      const aside = `${target}.${process.pid}.tmp`;
      writeFileSync(aside, result.code);
      renameSync(aside, target);
    }),
  );
  // Compiled copies of sources that are gone would still run as tests.
  const prune = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) prune(path);
      else if (path.endsWith('.js') && !wanted.has(path)) rmSync(path, { force: true });
    }
  };
  for (const dir of dirs) {
    try {
      prune(join(out, dir));
    } catch {
      // nothing compiled there yet
    }
  }
  const kept = { ...manifest };
  for (const { source, seen } of stale) kept[source] = seen;
  writeFileSync(`${manifestFile}.${process.pid}.tmp`, JSON.stringify(kept));
  renameSync(`${manifestFile}.${process.pid}.tmp`, manifestFile);
  writeFileSync(stampFile, stamp);
  return { dir: out, compiled: stale.length, total: sources.length };
}

/**
 * One TypeScript source as JavaScript, where its `import.meta.url`, `dirname` and `filename` are
 * those of the .ts file; also how scripts/bundle.mjs compiles each of Concord's modules.
 */
export function compileSource(code, source, compilerOptions) {
  return transform(code, {
    loader: 'ts',
    format: 'esm',
    target: 'node20',
    sourcefile: source,
    sourcemap: 'inline',
    sourcesContent: false,
    tsconfigRaw: { compilerOptions },
    define: {
      'import.meta.url': JSON.stringify(pathToFileURL(source).href),
      'import.meta.dirname': JSON.stringify(dirname(source)),
      'import.meta.filename': JSON.stringify(source),
    },
  });
}

/** The compiled copy of a test file given relative to the root, e.g. src/a/a.test.ts. */
export function compiledPath(file) {
  return join(BUILD_DIR, file.replace(/\.ts$/, '.js')).split(sep).join('/');
}
