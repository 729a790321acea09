import { execFile } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';

export const run = promisify(execFile);

/** The part of a package.json this test reads. */
export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  bin?: string | Record<string, string>;
  exports?: Record<string, unknown>;
  files?: string[];
  repository?: { type?: string; url?: string; directory?: string };
  homepage?: string;
  bugs?: string | { url?: string };
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
}

export interface WorkspacePackage {
  manifest: Manifest;
  /** Absolute directory. */
  dir: string;
  /** Directory relative to the repository root, e.g. `packages/core`. */
  path: string;
}

export const readManifest = (dir: string): Manifest =>
  JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;

/**
 * Every workspace package as pnpm lists it, so packages added or moved later (a new protocol
 * package, the sandbox under packages/) are covered without editing this test.
 */
export async function workspacePackages(root: string): Promise<WorkspacePackage[]> {
  const { stdout } = await run('pnpm', ['ls', '-r', '--depth', '-1', '--json'], {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
  });
  const listed = JSON.parse(stdout) as { path: string }[];
  return listed
    .map(({ path }) => ({ manifest: readManifest(path), dir: path, path: relative(root, path) }))
    .filter(({ path }) => path !== '');
}

/** Where Node would resolve package `name` from `dir`: the nearest `node_modules/<name>` up. */
function resolvePackageDir(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Directories of every third-party package the given workspace packages need at run time (their
 * dependencies, transitively, as installed in the workspace), for packing them: the test installs
 * offline, and npm's cache is not the pnpm store.
 */
export function thirdPartyClosure(roots: readonly string[], workspaceDirs: Set<string>): string[] {
  const seen = new Set<string>();
  const queue = roots.map((dir) => realpathSync(dir));
  while (queue.length > 0) {
    const dir = queue.shift() as string;
    const manifest = readManifest(dir);
    const optional = new Set(Object.keys(manifest.optionalDependencies ?? {}));
    for (const name of [...Object.keys(manifest.dependencies ?? {}), ...optional]) {
      const found = resolvePackageDir(name, dir);
      if (found === undefined) {
        // An optional dependency for another platform is not installed: npm skips it as well.
        if (optional.has(name)) continue;
        throw new Error(
          `${name}, a dependency of ${manifest.name}, is not installed: pnpm install`,
        );
      }
      if (seen.has(found) || workspaceDirs.has(found)) continue;
      seen.add(found);
      queue.push(found);
    }
  }
  return [...seen].sort();
}
