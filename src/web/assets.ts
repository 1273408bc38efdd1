import { existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
export const assetSourceDir = join(here, 'assets');
export const builtAssetDir = join(here, '..', '..', 'public');
export const govukDistDir = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist', 'govuk');

/**
 * Compile Concord's stylesheet when it is missing or older than its source. It is built,
 * not committed, so it always matches the installed govuk-frontend.
 */
export function ensureStylesheet(): string {
  const source = join(assetSourceDir, 'concord.scss');
  const target = join(builtAssetDir, 'concord.css');
  if (existsSync(target) && statSync(target).mtimeMs >= statSync(source).mtimeMs) return target;
  // Loaded only to build: the compiler is large (about 50 MB and a second at start-up), and a
  // built stylesheet does not need it.
  const sass = require('sass') as typeof import('sass');
  const result = sass.compile(source, {
    style: 'compressed',
    importers: [new sass.NodePackageImporter(join(here, '..', '..'))],
    quietDeps: true,
    silenceDeprecations: ['import'],
  });
  mkdirSync(builtAssetDir, { recursive: true });
  // Written aside and renamed, so a second process never serves half a file.
  const temp = `${target}.${process.pid}.tmp`;
  writeFileSync(temp, result.css);
  renameSync(temp, target);
  return target;
}
