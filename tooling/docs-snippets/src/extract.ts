import type { Code, Html, Nodes, Parents } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';

/** Languages the runner executes. */
export const RUNNABLE_LANGUAGES = ['ts', 'sh'] as const;
/** Languages of blocks that are data or text: each needs a `skip` or `file` marker. */
export const DATA_LANGUAGES = ['json', 'csv', 'yaml', 'text'] as const;

type RunnableLanguage = (typeof RUNNABLE_LANGUAGES)[number];

/** What the Markdown says to do with a block (an HTML comment right before it). */
export type SnippetAction =
  /** Run it: `ts` with Node, `sh` with bash; exit code 0 unless `exitCodes` says otherwise. */
  | { kind: 'run'; language: RunnableLanguage; expect: string[]; exitCodes: number[] }
  /** Write it to `path` in the document's work folder, for the blocks after it. */
  | { kind: 'file'; path: string }
  /** Do not run it, for the reason given. */
  | { kind: 'skip'; reason: string };

export interface Snippet {
  /** Path of the Markdown file, relative to the repository root. */
  file: string;
  /** Line of the opening fence. */
  line: number;
  language: string;
  code: string;
  action: SnippetAction;
}

/** A block the runner cannot classify: no language, an unknown one, or a bad marker. */
export interface SnippetProblem {
  file: string;
  line: number;
  message: string;
}

const MARKER = /<!--\s*snippet:\s*([\s\S]*?)\s*-->/g;

const MARKER_HELP =
  'markers: <!-- snippet: skip (reason) -->, <!-- snippet: file path -->, <!-- snippet: expect "text" --> (or \'text\'), <!-- snippet: exit 0,1 (reason) -->';

interface Markers {
  skip?: string;
  file?: string;
  expect: string[];
  exitCodes?: number[];
  errors: string[];
}

/** Reads `snippet:` markers; `expect` may repeat, and takes 'single quotes' for text with `"`. */
function parseMarkers(texts: readonly string[]): Markers {
  const markers: Markers = { expect: [], errors: [] };
  for (const text of texts) {
    const skip = /^skip\s+\((.+)\)$/s.exec(text);
    const file = /^file\s+(\S+)$/.exec(text);
    const expect = /^expect\s+(?:"(.+)"|'(.+)')$/.exec(text);
    const exit = /^exit\s+(\d+(?:,\d+)*)\s+\((.+)\)$/s.exec(text);
    if (skip?.[1]) markers.skip = skip[1].trim();
    else if (file?.[1]) markers.file = file[1];
    else if (expect) markers.expect.push(expect[1] ?? expect[2] ?? '');
    else if (exit?.[1]) markers.exitCodes = exit[1].split(',').map(Number);
    else markers.errors.push(`unknown snippet marker "${text}"; ${MARKER_HELP}`);
  }
  return markers;
}

/** The `snippet:` markers in the HTML comments right before `index` in `parent`. */
function markersBefore(parent: Parents, index: number): string[] {
  const texts: string[] = [];
  for (let i = index - 1; i >= 0; i--) {
    const node = parent.children[i];
    if (node?.type !== 'html' || !(node as Html).value.trimStart().startsWith('<!--')) break;
    for (const match of (node as Html).value.matchAll(MARKER)) texts.unshift(match[1] ?? '');
  }
  return texts;
}

function isRunnable(language: string): language is RunnableLanguage {
  return (RUNNABLE_LANGUAGES as readonly string[]).includes(language);
}

/**
 * The address a sandbox started by hand listens on. A block that runs must not depend on it: the
 * suite's sandbox listens on a free port, and a stray sandbox on 4010 would make the block pass
 * on one machine and fail on a clean one.
 */
const FIXED_SANDBOX_ADDRESS = /(?:127\.0\.0\.1|localhost):4010\b/;

function classify(language: string, markers: Markers, code: string): SnippetAction | string {
  if (markers.errors.length > 0) return markers.errors.join('; ');
  if (!language) {
    return `code block without a language: tag it (${[...RUNNABLE_LANGUAGES, ...DATA_LANGUAGES].join(', ')})`;
  }
  if (!isRunnable(language) && !(DATA_LANGUAGES as readonly string[]).includes(language)) {
    return `unknown language "${language}": use one of ${[...RUNNABLE_LANGUAGES, ...DATA_LANGUAGES].join(', ')}`;
  }
  if (markers.skip !== undefined) return { kind: 'skip', reason: markers.skip };
  if (markers.file !== undefined) return { kind: 'file', path: markers.file };
  if (!isRunnable(language)) {
    return `a ${language} block does not run: mark it <!-- snippet: skip (reason) --> or <!-- snippet: file path -->`;
  }
  if (FIXED_SANDBOX_ADDRESS.test(code)) {
    return 'a block that runs names a fixed sandbox address: use "$INV_SANDBOX_URL" (sh) or process.env.INV_SANDBOX_URL (ts), which the banner exports; the snippets run against a sandbox on a free port';
  }
  return {
    kind: 'run',
    language,
    expect: markers.expect,
    exitCodes: markers.exitCodes ?? [0],
  };
}

/** Every fenced block of a Markdown document, with what to do with it, and the blocks in doubt. */
export function extractSnippets(
  markdown: string,
  file: string,
): { snippets: Snippet[]; problems: SnippetProblem[] } {
  const snippets: Snippet[] = [];
  const problems: SnippetProblem[] = [];
  const visit = (parent: Parents): void => {
    parent.children.forEach((node: Nodes, index) => {
      if (node.type === 'code') {
        const code = node as Code;
        const line = code.position?.start.line ?? 0;
        const language = code.lang ?? '';
        const action = classify(language, parseMarkers(markersBefore(parent, index)), code.value);
        if (typeof action === 'string') problems.push({ file, line, message: action });
        else snippets.push({ file, line, language, code: code.value, action });
      } else if ('children' in node) visit(node as Parents);
    });
  };
  visit(fromMarkdown(markdown));
  return { snippets, problems };
}
