import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { REPO_ROOT, readDocuments } from './documents.js';
import { runProcess } from './run.js';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/**
 * The `ts` blocks as a TypeScript user compiles them: strict, NodeNext, against the declarations
 * of this checkout's packages. Running them (snippets.test.ts) erases types, so a renamed option or
 * a wrong type would pass there and fail in the user's editor.
 */
it('every ts block type-checks against the packages it imports', async () => {
  // Inside this package, where its node_modules resolve as in a real project (through a symlinked
  // node_modules, TypeScript cannot find 'vitest' for a `declare module 'vitest'` augmentation).
  const work = join(PACKAGE, '.typecheck');
  await rm(work, { recursive: true, force: true });
  await mkdir(work);
  try {
    await writeFile(
      join(work, 'tsconfig.json'),
      JSON.stringify({
        extends: join(REPO_ROOT, 'tsconfig.base.json'),
        compilerOptions: { noEmit: true, types: ['node'], declaration: false },
        include: ['**/*.ts'],
        exclude: ['node_modules'],
      }),
    );
    const blocks = readDocuments()
      .flatMap((document) => document.snippets)
      .filter((snippet) => snippet.language === 'ts' && snippet.action.kind !== 'skip');
    for (const snippet of blocks) {
      const folder = join(work, snippet.file.replace(/\W+/g, '-'));
      // A block written as a file keeps its name (its imports may be relative to it); the others
      // are named after where they are: `<document>/L<line of the fence>.ts`.
      const path =
        snippet.action.kind === 'file'
          ? join(folder, snippet.action.path)
          : join(folder, `L${snippet.line}.ts`);
      await mkdir(dirname(path), { recursive: true });
      // Each block is a module of its own, whether or not it imports anything.
      await writeFile(path, `${snippet.code}\nexport {};\n`);
    }
    const result = await runProcess(process.execPath, [TSC, '-p', join(work, 'tsconfig.json')], {
      cwd: work,
      env: { PATH: process.env.PATH ?? '' },
      timeoutMs: 120_000,
    });
    expect(result.stdout.replaceAll(work, ''), 'tsc found type errors in the ts blocks').toBe('');
    expect(result.code).toBe(0);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});
