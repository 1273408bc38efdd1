// Bundles Concord and the libraries it loads at start into one JavaScript file, .build/concord.js,
// which `concord` runs (bin/concord.mjs). Node loads each module of a program one at a time:
// some 400 of Concord's own and 1,100 of its libraries', over a second of the start of
// `concord serve`; one file loads in about half a second (decisions/0027).
//
// It is made again when a source under src/ changed since it was made (their times and sizes, as
// .build/sources.json keeps them after scripts/compile-tests.mjs), or when esbuild, this script
// or package.json changed. Each module of Concord keeps its own import.meta.url, dirname and
// filename (those of its .ts file), as in .build/, so views, assets and fonts are found where
// they are.
import { build, transform, version as esbuildVersion } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUILD_DIR } from './compile-tests.mjs';

export const BUNDLE = 'concord.js';

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
  const stampFile = `${file}.stamp`;
  const src = join(root, 'src') + sep;
  const sources = JSON.parse(readFileSync(join(out, 'sources.json'), 'utf8'));
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ esbuildVersion, self: readFileSync(new URL(import.meta.url), 'utf8'), pkg: readFileSync(join(root, 'package.json'), 'utf8') }));
  for (const path of Object.keys(sources).sort()) if (path.startsWith(src)) hash.update(`${path}\0${sources[path]}\n`);
  const stamp = hash.digest('hex');
  try {
    if (readFileSync(stampFile, 'utf8') === stamp) return file;
  } catch {
    // not made yet
  }
  // Written aside and renamed, so that a process starting meanwhile reads the old one or the new one, whole.
  const aside = `${file}.${process.pid}.tmp`;
  try {
    await build({
      entryPoints: [join(root, 'src', 'cli', 'main.ts')],
      outfile: aside,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      external: LEFT_OUT,
      // The CommonJS libraries inside an ES module still call require() for Node's own modules.
      banner: { js: "import { createRequire as concordRequire } from 'node:module'; const require = concordRequire(import.meta.url);" },
      sourcemap: 'external',
      sourcesContent: false,
      logLevel: 'silent',
      plugins: [ownUrls(src, JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8')).compilerOptions ?? {})],
    });
    renameSync(`${aside}.map`, `${file}.map`);
    renameSync(aside, file);
  } catch (error) {
    rmSync(aside, { force: true });
    rmSync(`${aside}.map`, { force: true });
    throw error;
  }
  const stampAside = `${stampFile}.${process.pid}.tmp`;
  await import('node:fs/promises').then(({ writeFile }) => writeFile(stampAside, stamp));
  renameSync(stampAside, stampFile);
  return file;
}

/**
 * Each of Concord's modules sees its own source's URL, folder and file name: the same transform
 * as scripts/compile-tests.mjs gives each module there, so a mention in a string or a comment is
 * left as it is.
 */
function ownUrls(src, compilerOptions) {
  return {
    name: 'concord-own-urls',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (!args.path.startsWith(src)) return undefined;
        const { code } = await transform(await readFile(args.path, 'utf8'), {
          loader: 'ts',
          format: 'esm',
          target: 'node20',
          sourcefile: args.path,
          sourcemap: 'inline',
          sourcesContent: false,
          tsconfigRaw: { compilerOptions },
          define: {
            'import.meta.url': JSON.stringify(pathToFileURL(args.path).href),
            'import.meta.dirname': JSON.stringify(dirname(args.path)),
            'import.meta.filename': JSON.stringify(args.path),
          },
        });
        return { contents: code, loader: 'js', resolveDir: dirname(args.path) };
      });
    },
  };
}
