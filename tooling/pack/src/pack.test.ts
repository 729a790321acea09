import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Manifest,
  readManifest,
  run,
  thirdPartyClosure,
  type WorkspacePackage,
  workspacePackages,
} from './workspace.js';

/**
 * What a user gets from npm once the packages are published: every public workspace package is
 * packed (`pnpm pack`, which rewrites `workspace:` ranges) after the build, and the tarballs are
 * installed with npm into an empty folder, offline. The third-party packages they need are packed
 * from the workspace's own install, because npm's cache is not pnpm's store and tests never reach
 * beyond 127.0.0.1.
 */
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const REPOSITORY = 'git+https://github.com/inv-dev/inv.git';
/** Scripts npm runs on install (and `binding.gyp`, which makes npm run `node-gyp rebuild`). */
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'];

let work: string;
let app: string;
let published: WorkspacePackage[];

beforeAll(async () => {
  const all = await workspacePackages(ROOT);
  published = all.filter((p) => p.manifest.private !== true);
  for (const p of published) {
    if (!existsSync(join(p.dir, 'dist'))) {
      throw new Error(`${p.path}/dist is missing: run pnpm build first (pnpm test does)`);
    }
  }
  work = await mkdtemp(join(tmpdir(), 'inv-pack-'));
  const tarballs = join(work, 'tarballs');
  app = join(work, 'app');
  await mkdir(tarballs);
  await mkdir(app);
  for (const p of published) {
    await run('pnpm', ['pack', '--pack-destination', tarballs], { cwd: p.dir });
  }
  const workspaceDirs = new Set(all.map((p) => realpathSync(p.dir)));
  const thirdParty = thirdPartyClosure(
    published.map((p) => p.dir),
    workspaceDirs,
  );
  for (const dir of thirdParty) {
    // As the registry serves it: the installed directory under `package/`. (`npm pack` does not
    // run inside pnpm's store.)
    const { name, version } = readManifest(dir);
    const file = join(tarballs, `${name.replace('/', '-')}-${version}.tgz`);
    await run('tar', [
      '-czf',
      file,
      '--exclude=node_modules',
      // pnpm's store hard-links identical files, and npm does not extract hard-link entries.
      '--hard-dereference',
      '-C',
      dirname(dir),
      '--transform',
      's,^[^/]*,package,',
      basename(dir),
    ]);
  }
  await writeFile(join(app, 'package.json'), '{ "name": "app", "private": true }\n');
  const files = (await readdir(tarballs)).map((file) => join(tarballs, file));
  // --ignore-scripts: the test checks below that no package would run one, and a script that did
  // run could reach the network. --legacy-peer-deps: peers (vitest) are the user's to install.
  await run(
    'npm',
    [
      'install',
      '--offline',
      '--ignore-scripts',
      '--legacy-peer-deps',
      '--no-audit',
      '--no-fund',
      '--no-package-lock',
      ...files,
    ],
    { cwd: app, env: { ...process.env, npm_config_cache: join(work, 'npm-cache') } },
  );
  // vitest is a peer dependency of @inv/testing and @inv/contract, which a user installs; link the
  // workspace's own so the import check can load them.
  await symlink(
    realpathSync(join(ROOT, 'node_modules', 'vitest')),
    join(app, 'node_modules', 'vitest'),
  );
}, 600_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** Every installed package.json under `node_modules`, scoped ones included. */
async function installedPackages(dir: string): Promise<{ dir: string; manifest: Manifest }[]> {
  const found: { dir: string; manifest: Manifest }[] = [];
  const modules = join(dir, 'node_modules');
  if (!existsSync(modules)) return found;
  for (const entry of await readdir(modules, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.isSymbolicLink()) continue;
    const dirs = entry.name.startsWith('@')
      ? (await readdir(join(modules, entry.name))).map((name) => join(modules, entry.name, name))
      : [join(modules, entry.name)];
    for (const packageDir of dirs) {
      if (!existsSync(join(packageDir, 'package.json'))) continue;
      found.push({ dir: packageDir, manifest: readManifest(packageDir) });
      found.push(...(await installedPackages(packageDir)));
    }
  }
  return found;
}

const node = (args: string[]) =>
  run(process.execPath, args, { cwd: app, env: { PATH: process.env.PATH ?? '' } });
const npx = (args: string[]) =>
  run('npx', ['--offline', ...args], {
    cwd: app,
    env: { PATH: process.env.PATH ?? '', npm_config_cache: join(work, 'npm-cache') },
  });

describe('published packages (npm, offline, from packed tarballs)', () => {
  it('covers every public package, each with its license, links and launchers', () => {
    expect(published.map((p) => p.manifest.name)).toEqual(
      expect.arrayContaining(['@inv/core', '@inv/cli', '@inv/sandbox', '@inv/contract']),
    );
    for (const { manifest, path, dir } of published) {
      expect(existsSync(join(dir, 'LICENSE')), `${path}/LICENSE`).toBe(true);
      expect(manifest.files, path).toEqual(expect.arrayContaining(['LICENSE', '!dist/**/*.map']));
      expect(manifest.repository, path).toEqual({
        type: 'git',
        url: REPOSITORY,
        directory: path,
      });
      expect(manifest.homepage, path).toBe(
        `https://github.com/inv-dev/inv/tree/main/${path}#readme`,
      );
      expect(manifest.bugs, path).toBe('https://github.com/inv-dev/inv/issues');
      // Bins point at committed launchers, so `pnpm install` before a build can link them.
      for (const bin of Object.values(
        typeof manifest.bin === 'string' ? { bin: manifest.bin } : (manifest.bin ?? {}),
      )) {
        expect(existsSync(join(dir, bin)), `${path}: ${bin}`).toBe(true);
        expect(manifest.files, path).toContain(bin.replace(/^\.\//, '').split('/')[0]);
      }
      // Links on the npm page resolve: none relative.
      const readme = readFileSync(join(dir, 'README.md'), 'utf8');
      expect(readme.match(/\]\((?!https?:|#)[^)]*\)/g) ?? [], `${path}/README.md`).toEqual([]);
    }
  });

  it('installs with no lifecycle script in the tree', async () => {
    const installed = await installedPackages(app);
    expect(installed.map((p) => p.manifest.name)).toEqual(
      expect.arrayContaining(published.map((p) => p.manifest.name)),
    );
    const withScripts = installed
      .filter(
        ({ dir, manifest }) =>
          INSTALL_SCRIPTS.some((script) => manifest.scripts?.[script] !== undefined) ||
          existsSync(join(dir, 'binding.gyp')),
      )
      .map(({ manifest }) => manifest.name);
    expect(withScripts).toEqual([]);
  });

  it('ships no source map without its sources', async () => {
    const installed = await installedPackages(app);
    for (const { dir, manifest } of installed.filter((p) => p.manifest.name.startsWith('@inv/'))) {
      const { stdout } = await run('find', [
        dir,
        '-name',
        '*.map',
        '-not',
        '-path',
        '*/node_modules/*',
      ]);
      expect(stdout, manifest.name).toBe('');
    }
  });

  it('runs every bin and imports every library from the install', async () => {
    expect((await npx(['inv', '--help'])).stdout).toMatch(/^inv: Kingdee JDY and Winit/);
    expect((await npx(['inv-sandbox', '--help'])).stdout).toMatch(/inv-sandbox/);
    // The package-name forms the READMEs show (`npx @inv/sandbox`, `npx @inv/cli …`).
    expect((await npx(['@inv/sandbox', '--help'])).stdout).toMatch(/^inv-sandbox: /);
    expect((await npx(['inv-contract', '--help'])).stdout).toMatch(/^Usage: inv-contract/);
    // `inv sandbox` takes inv-sandbox's flags from @inv/sandbox/cli.
    expect((await npx(['inv', 'sandbox', '--help'])).stdout).toContain('--change-stream <n>');
    // Every module entry of every library (`@inv/sandbox/cli` too; JSON entries are data); @inv/cli
    // exports nothing but its package.json, its bin is its interface.
    const entries = published.flatMap(({ manifest }) =>
      Object.keys(manifest.exports ?? {})
        .filter((key) => !key.endsWith('.json'))
        .map((key) => `${manifest.name}${key.slice(1)}`),
    );
    expect(entries).toEqual(expect.arrayContaining(['@inv/core', '@inv/sandbox/cli']));
    for (const entry of entries) {
      const { stdout } = await node([
        '--input-type=module',
        '-e',
        `const m = await import('${entry}'); console.log(Object.keys(m).length);`,
      ]).catch((error: Error) => {
        throw new Error(`import('${entry}') failed: ${error.message}`);
      });
      expect(Number(stdout), entry).toBeGreaterThan(0);
    }
  });

  it("runs the README's npx line as published", async () => {
    const { stdout } = await npx(['@inv/cli', 'stock', 'winit', '--sandbox', '--all', '--quiet']);
    expect(stdout.trim().split('\n').length).toBeGreaterThan(100);
  });
});
