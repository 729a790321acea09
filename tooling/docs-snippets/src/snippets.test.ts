import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningSandbox, startSandbox } from '@inv/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocuments } from './documents.js';
import { environmentOfBanner, type RunResult, runShell, runTypeScript } from './run.js';

/**
 * Every code block of the READMEs, in order, against one sandbox started here: `ts` blocks with
 * Node, `sh` blocks with bash, with `inv`, `inv-sandbox` and `inv-contract` of this checkout on
 * PATH and exactly the variables the sandbox banner tells users to export. Each document works in
 * its own folder, so a block can use the files an earlier block of the same document wrote.
 *
 * The folders are outside the repository, like a user's project: vitest (which `inv-contract` and
 * the test-file snippets run) looks for a config file upwards and would find this repository's.
 * Their `node_modules` is this package's, so the snippets import the workspace's packages.
 */
const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const SNIPPET_TIMEOUT_MS = 240_000;

const documents = readDocuments();
/**
 * Set for the snippets' processes: a snippet that runs the test suite (an unmarked `pnpm test`)
 * must not start these tests again inside itself.
 */
const NESTED = process.env.INV_DOCS_SNIPPETS === '1';
const skipped: string[] = [];
let sandbox: RunningSandbox;
let env: Record<string, string>;
let work: string;

describe.skipIf(NESTED)('README snippets against a sandbox', () => {
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    env = {
      PATH: `${join(PACKAGE, 'node_modules', '.bin')}:${process.env.PATH ?? ''}`,
      HOME: process.env.HOME ?? '/tmp',
      NO_COLOR: '1',
      INV_DOCS_SNIPPETS: '1',
      ...(await environmentOfBanner(sandbox.banner())),
    };
    work = await mkdtemp(join(tmpdir(), 'inv-docs-snippets-'));
    await symlink(join(PACKAGE, 'node_modules'), join(work, 'node_modules'), 'dir');
    await writeFile(join(work, 'package.json'), '{ "private": true, "type": "module" }\n');
  });

  afterAll(async () => {
    await sandbox?.close();
    if (work) await rm(work, { recursive: true, force: true });
    if (skipped.length > 0) console.info(`Skipped on purpose:\n${skipped.join('\n')}`);
  });

  it('every code block has a known language and runs or is skipped with a reason', () => {
    const problems = documents.flatMap((document) => document.problems);
    expect(problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([]);
  });

  it('every environment variable a snippet reads is one the banner exports', () => {
    const exported = new Set(Object.keys(env));
    const read = documents
      .flatMap((document) => document.snippets)
      .filter((snippet) => snippet.action.kind !== 'skip')
      .flatMap((snippet) =>
        [...snippet.code.matchAll(/process\.env\.(\w+)|\$\{?(INV_\w+)/g)].map(
          (match) => `${snippet.file}:${snippet.line}: ${match[1] ?? match[2]}`,
        ),
      );
    expect(read.filter((entry) => !exported.has(entry.split(': ')[1] ?? ''))).toEqual([]);
  });

  const describeOutput = (result: RunResult): string =>
    `exit ${result.code}\n--- stdout\n${result.stdout.slice(-4000)}\n--- stderr\n${result.stderr.slice(-4000)}`;

  for (const document of documents) {
    describe(document.path, () => {
      let folder = '';
      beforeAll(async () => {
        folder = join(work, document.path.replace(/\W+/g, '-'));
        await mkdir(folder, { recursive: true });
      });

      for (const snippet of document.snippets) {
        const where = `${snippet.file}:${snippet.line}`;
        const { action } = snippet;
        if (action.kind === 'skip') {
          skipped.push(`  ${where} (${snippet.language}): ${action.reason}`);
          it.skip(`${snippet.language} block at line ${snippet.line}: ${action.reason}`, () => {});
          continue;
        }
        if (action.kind === 'file') {
          it(`${snippet.language} block at line ${snippet.line} is the file ${action.path}`, async () => {
            const path = join(folder, action.path);
            await mkdir(dirname(path), { recursive: true });
            await writeFile(path, `${snippet.code}\n`);
          });
          continue;
        }
        it(`${snippet.language} block at line ${snippet.line} runs`, async () => {
          // Each block starts from the default dataset, whatever the one before it changed.
          await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST' });
          const options = { cwd: folder, env, timeoutMs: SNIPPET_TIMEOUT_MS };
          const result =
            action.language === 'ts'
              ? await runTypeScript(snippet.code, `snippet-${snippet.line}`, options)
              : await runShell(snippet.code, action.exitCodes, options);
          expect(action.exitCodes, `${where}\n${describeOutput(result)}`).toContain(result.code);
          for (const text of action.expect) {
            expect(
              result.stdout,
              `${where}: expected "${text}" in stdout\n${describeOutput(result)}`,
            ).toContain(text);
          }
        });
      }
    });
  }
});
