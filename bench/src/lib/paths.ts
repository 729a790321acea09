import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** bench/ (this file compiles to bench/dist/lib/paths.js). */
export const BENCH_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Raw results and temporary files (git-ignored). */
export function resultsDir(): string {
  const dir = join(BENCH_DIR, 'results');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Compiled child scripts. */
export const serverScript = (name: string): URL =>
  new URL(`../servers/${name}.js`, import.meta.url);
export const clientScript = (name: string): URL =>
  new URL(`../clients/${name}.js`, import.meta.url);

/** The Prism CLI entry of the installed @stoplight/prism-cli. */
export function prismEntry(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('@stoplight/prism-cli/package.json');
  const manifest = require(manifestPath) as {
    bin: string | Record<string, string>;
    version: string;
  };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : (manifest.bin.prism as string);
  return join(dirname(manifestPath), bin);
}

export function prismVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('@stoplight/prism-cli/package.json') as { version: string }).version;
}
