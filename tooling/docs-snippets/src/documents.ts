import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractSnippets, type Snippet, type SnippetProblem } from './extract.js';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Folders whose packages' READMEs users read (npm pages included). */
const PACKAGE_FOLDERS = ['packages', 'apps', 'tooling'];
/** Guides outside the READMEs that show code to copy. */
const GUIDES = ['docs/contract-testing.md'];

/** The Markdown files whose code blocks users copy, relative to the repository root. */
export function documentPaths(): string[] {
  const readmes = PACKAGE_FOLDERS.flatMap((folder) =>
    readdirSync(join(REPO_ROOT, folder), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `${folder}/${entry.name}/README.md`)
      .filter((path) => existsSync(join(REPO_ROOT, path))),
  );
  return ['README.md', ...readmes.sort(), ...GUIDES];
}

export interface Document {
  path: string;
  snippets: Snippet[];
  problems: SnippetProblem[];
}

export function readDocuments(): Document[] {
  return documentPaths().map((path) => ({
    path,
    ...extractSnippets(readFileSync(join(REPO_ROOT, path), 'utf8'), path),
  }));
}
