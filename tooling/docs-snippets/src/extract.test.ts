import { describe, expect, it } from 'vitest';
import { extractSnippets } from './extract.js';

const md = (...lines: string[]): string => lines.join('\n');

describe('extractSnippets', () => {
  it('runs ts and sh blocks, with their line and the expectations of their markers', () => {
    const { snippets, problems } = extractSnippets(
      md(
        '# Title',
        '',
        '```ts',
        'console.log(1);',
        '```',
        '',
        '<!-- snippet: expect "found" -->',
        `<!-- snippet: expect '"code":"0"' -->`,
        '<!-- snippet: exit 0,1 (exits 1 on a difference) -->',
        '```sh',
        'inv --help',
        '```',
      ),
      'README.md',
    );
    expect(problems).toEqual([]);
    expect(snippets).toEqual([
      {
        file: 'README.md',
        line: 3,
        language: 'ts',
        code: 'console.log(1);',
        action: { kind: 'run', language: 'ts', expect: [], exitCodes: [0] },
      },
      {
        file: 'README.md',
        line: 10,
        language: 'sh',
        code: 'inv --help',
        action: { kind: 'run', language: 'sh', expect: ['found', '"code":"0"'], exitCodes: [0, 1] },
      },
    ]);
  });

  it('skips a block only with a marker that gives the reason, past other comments', () => {
    const { snippets, problems } = extractSnippets(
      md(
        '<!-- test-command -->',
        '<!-- snippet: skip (runs the whole suite) -->',
        '```sh',
        'pnpm test',
        '```',
        '<!-- /test-command -->',
      ),
      'README.md',
    );
    expect(problems).toEqual([]);
    expect(snippets[0]?.action).toEqual({ kind: 'skip', reason: 'runs the whole suite' });
  });

  it('refuses a block that runs against the fixed sandbox address, not the one the banner exports', () => {
    const { snippets, problems } = extractSnippets(
      md(
        '```sh',
        'curl http://127.0.0.1:4010/_sandbox/requests',
        '```',
        '',
        '<!-- snippet: skip (long-running) -->',
        '```sh',
        'inv watch kingdee --sandbox http://localhost:4010',
        '```',
      ),
      'README.md',
    );
    expect(problems).toEqual([
      { file: 'README.md', line: 1, message: expect.stringContaining('"$INV_SANDBOX_URL"') },
    ]);
    expect(snippets.map((snippet) => snippet.action.kind)).toEqual(['skip']);
  });

  it('writes data blocks marked as files, also inside lists', () => {
    const { snippets } = extractSnippets(
      md('- a mapping:', '', '  <!-- snippet: file mapping.csv -->', '  ```csv', '  a,b', '  ```'),
      'README.md',
    );
    expect(snippets.map((s) => [s.line, s.code, s.action])).toEqual([
      [4, 'a,b', { kind: 'file', path: 'mapping.csv' }],
    ]);
  });

  it.each([
    [md('```', 'x', '```'), /without a language/],
    [md('```typescript', 'x', '```'), /unknown language "typescript"/],
    [md('```json', '{}', '```'), /a json block does not run: mark it/],
    [md('<!-- snippet: skip -->', '```sh', 'x', '```'), /unknown snippet marker "skip"/],
    [md('<!-- snippet: run fast -->', '```sh', 'x', '```'), /unknown snippet marker/],
    [md('    indented code'), /without a language/],
  ])('refuses a block it cannot classify: %j', (markdown, message) => {
    const { snippets, problems } = extractSnippets(markdown, 'doc.md');
    expect(snippets).toEqual([]);
    expect(problems).toEqual([
      { file: 'doc.md', line: expect.any(Number), message: expect.stringMatching(message) },
    ]);
  });
});
