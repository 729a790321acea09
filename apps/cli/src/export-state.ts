import { open, readFile, rename, unlink } from 'node:fs/promises';
import type { Cursor } from '@inv/core';
import { z } from 'zod';
import { describeIssues } from './config.js';
import { CliError } from './errors.js';

export const EXPORT_FORMATS = ['csv', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const cursorSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

/**
 * Resume state of `inv export`, kept beside the output as `<out>.inv-state.json`. It is written
 * after every page, once that page's rows are on disk: `bytes` is the output length at that point
 * and `next` the core cursor that resumes after that page, so a resumed export truncates the
 * output to `bytes` and continues from `next`, producing the same file as an uninterrupted run.
 */
export const exportStateSchema = z.object({
  version: z.literal(1),
  format: z.enum(EXPORT_FORMATS),
  raw: z.boolean(),
  /** Providers exported, in order. */
  providers: z.array(z.string()).min(1),
  /** Page size asked for, if any (cursors may depend on it). */
  pageSize: z.int().min(1).nullable(),
  /** Where to continue: provider index and its cursor (`null` = from its first page). `null` = done. */
  next: z.object({ provider: z.int().min(0), cursor: cursorSchema.nullable() }).nullable(),
  /** Output length in bytes after the last fully written page. */
  bytes: z.int().min(0),
  rows: z.int().min(0),
  pages: z.int().min(0),
});
export type ExportState = z.infer<typeof exportStateSchema>;
export type ExportPosition = NonNullable<ExportState['next']>;

/** Path of the state file of an output file. */
export function statePathFor(output: string): string {
  return `${output}.inv-state.json`;
}

/** Where to continue after a page of provider `index` whose cursor is `next`. */
export function positionAfter(
  index: number,
  next: Cursor | null,
  providerCount: number,
): ExportPosition | null {
  if (next !== null) return { provider: index, cursor: next };
  return index + 1 < providerCount ? { provider: index + 1, cursor: null } : null;
}

/** Reads a state file; `null` when there is none. An unreadable file is a usage error. */
export async function readExportState(path: string): Promise<ExportState | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const result = exportStateSchema.safeParse(json);
  if (!result.success) {
    throw new CliError(
      `${path} is not an inv export state file${json === undefined ? ' (not JSON)' : `: ${describeIssues(result.error)}`}`,
      { fix: 'start the export over with --force' },
    );
  }
  return result.data;
}

/**
 * Replaces the state file atomically: write a temporary file, flush it to disk, rename it over the
 * old one. A crash leaves either the old or the new state, never a torn one.
 */
export async function writeExportState(path: string, state: ExportState): Promise<void> {
  const temporary = `${path}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(`${JSON.stringify(state, null, 2)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
}

/** Removes the state file once the export is complete. */
export async function removeExportState(path: string): Promise<void> {
  await unlink(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}

/** What the current command asks for, to check a state file belongs to the same export. */
export interface ExportRequest {
  format: ExportFormat;
  raw: boolean;
  providers: readonly string[] | undefined;
  pageSize: number | null | undefined;
}

/** Refuses to resume a state file written for a different export. */
export function assertResumable(state: ExportState, request: ExportRequest, path: string): void {
  const mismatch = (what: string, was: string, now: string): CliError =>
    new CliError(
      `cannot resume: ${path} was written with ${what} ${was}, this run asks for ${now}`,
      {
        fix: `run again with the same options, or start over with --force`,
      },
    );
  if (state.format !== request.format) throw mismatch('format', state.format, request.format);
  if (state.raw !== request.raw) throw mismatch('--raw', String(state.raw), String(request.raw));
  if (
    request.providers !== undefined &&
    request.providers.join(',') !== state.providers.join(',')
  ) {
    throw mismatch('providers', state.providers.join(','), request.providers.join(','));
  }
  if (
    request.pageSize !== undefined &&
    request.pageSize !== null &&
    request.pageSize !== state.pageSize
  ) {
    throw mismatch('--page-size', String(state.pageSize), String(request.pageSize));
  }
}
