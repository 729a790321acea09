import { type FileHandle, open, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  type Command,
  type CommandContext,
  flag,
  intOption,
  listOption,
  stringOption,
} from '../command.js';
import { CliError, usageError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import {
  assertResumable,
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportState,
  positionAfter,
  readExportState,
  removeExportState,
  statePathFor,
  writeExportState,
} from '../export-state.js';
import { createFormatter, recordShape } from '../format/formatter.js';
import { type CliProvider, PROVIDER_IDS, type ProviderId, parseProviderId } from '../providers.js';
import { scanPages } from '../sync.js';

const HELP = `Usage: inv export --all --out <file.csv|file.jsonl> [options]

Streams every position of one or more providers to a file, page by page, in constant memory.
Resumable: after each page, <file>.inv-state.json records the provider cursor and the file
length; --resume truncates the file to that length and continues, so the result is identical
to an uninterrupted export. The state file is removed when the export completes.

Options:
  --out <file>         output file (required); format from the extension: .csv, .jsonl, .ndjson
  --provider <id>      kingdee or winit; repeat or comma-separate (default: both, in that order)
  --format <f>         csv | jsonl, when the extension does not say
  --raw                include each provider row untouched (jsonl)
  --page-size <n>      rows per request
  --resume             continue an interrupted export of <file>
  --force              start over even if an interrupted export of <file> exists
  --all                export everything (the default and only mode; accepted for clarity)
  --max-pages <n>      stop after n pages, as if interrupted (for testing resumption)

Examples:
  inv export --all --provider kingdee --out kingdee.csv
  inv export --all --out stock.jsonl --resume`;

function exportFormat(context: CommandContext, out: string): ExportFormat {
  const given = stringOption(context.values, 'format');
  if (given !== undefined) {
    if ((EXPORT_FORMATS as readonly string[]).includes(given)) return given as ExportFormat;
    throw usageError(`inv export writes ${EXPORT_FORMATS.join(' or ')}, not "${given}"`);
  }
  if (/\.csv$/i.test(out)) return 'csv';
  if (/\.(jsonl|ndjson)$/i.test(out)) return 'jsonl';
  throw usageError(
    `cannot tell the format of ${out} from its extension`,
    'name it .csv or .jsonl, or pass --format csv|jsonl',
  );
}

/** Writes all of `text` at `position` and flushes it to disk before the state mentions it. */
async function writeDurably(handle: FileHandle, text: string, position: number): Promise<number> {
  const buffer = Buffer.from(text, 'utf8');
  let written = 0;
  while (written < buffer.length) {
    const { bytesWritten } = await handle.write(
      buffer,
      written,
      buffer.length - written,
      position + written,
    );
    written += bytesWritten;
  }
  await handle.sync();
  return buffer.length;
}

interface ExportRequest {
  format: ExportFormat;
  raw: boolean;
  providers: ProviderId[] | undefined;
  pageSize: number | undefined;
}

/** The state to start from: a fresh one, or the interrupted export's (checked, nothing touched yet). */
async function plan(
  context: CommandContext,
  out: string,
  statePath: string,
  request: ExportRequest,
): Promise<{ state: ExportState; resume: boolean }> {
  const previous = await readExportState(statePath);
  if (flag(context.values, 'resume')) {
    if (previous === null) {
      throw usageError(
        `nothing to resume: ${statePath} does not exist`,
        'run without --resume to export from the start',
      );
    }
    assertResumable(previous, request, statePath);
    if (previous.next === null) {
      throw usageError(`${out} is already complete`, 'run without --resume to export again');
    }
    const size = await stat(out).then(
      (s) => s.size,
      () => -1,
    );
    if (size < previous.bytes) {
      throw new CliError(
        `cannot resume: ${out} is ${size < 0 ? 'missing' : `${size} bytes`}, shorter than the ${previous.bytes} bytes recorded in ${statePath}`,
        { fix: 'start over with --force' },
      );
    }
    return { state: previous, resume: true };
  }
  if (previous !== null && !flag(context.values, 'force')) {
    throw usageError(
      `an interrupted export of ${out} exists (${statePath})`,
      'continue it with --resume, or start over with --force',
    );
  }
  const state: ExportState = {
    version: 1,
    format: request.format,
    raw: request.raw,
    providers: request.providers ?? [...PROVIDER_IDS],
    pageSize: request.pageSize ?? null,
    next: { provider: 0, cursor: null },
    bytes: 0,
    rows: 0,
    pages: 0,
  };
  return { state, resume: false };
}

/** Runs the export from `state`, saving the state after every page. */
async function exportPages(
  context: CommandContext,
  opened: readonly CliProvider[],
  handle: FileHandle,
  statePath: string,
  start: ExportState,
  maxPages: number | undefined,
): Promise<{ state: ExportState; complete: boolean }> {
  const formatter = createFormatter(start.format, recordShape({ raw: start.raw }));
  let state = start;
  let pagesThisRun = 0;
  const save = async (next: ExportState): Promise<void> => {
    state = next;
    await writeExportState(statePath, state);
  };
  while (state.next !== null) {
    if (maxPages !== undefined && pagesThisRun >= maxPages) return { state, complete: false };
    const index = state.next.provider;
    const cli = opened[index] as CliProvider;
    const complete = await scanPages(cli, context, {
      cursor: state.next.cursor,
      pageSize: state.pageSize ?? undefined,
      maxPages: maxPages === undefined ? undefined : maxPages - pagesThisRun,
      onPage: async (page) => {
        const bytes = await writeDurably(handle, formatter.rows(page.items), state.bytes);
        pagesThisRun++;
        await save({
          ...state,
          next: positionAfter(index, page.next, state.providers.length),
          bytes: state.bytes + bytes,
          rows: state.rows + page.items.length,
          pages: state.pages + 1,
        });
      },
    });
    if (!complete) return { state, complete: false };
    // A provider with nothing to list delivers no page at all: move on explicitly.
    if (state.next?.provider === index) {
      await save({ ...state, next: positionAfter(index, null, state.providers.length) });
    }
  }
  return { state, complete: true };
}

async function run(context: CommandContext): Promise<number> {
  const { values } = context;
  const outOption = stringOption(values, 'out');
  if (outOption === undefined) {
    throw usageError('inv export needs --out <file>', 'run inv export --help');
  }
  if (flag(values, 'resume') && flag(values, 'force')) {
    throw usageError('--resume and --force cannot be combined', 'pick one');
  }
  const out = resolve(context.io.cwd, outOption);
  const statePath = statePathFor(out);
  const request: ExportRequest = {
    format: exportFormat(context, out),
    raw: flag(values, 'raw'),
    providers: listOption(values, 'provider')?.map((p) => parseProviderId(p, '--provider')),
    pageSize: intOption(values, 'page-size', 1),
  };
  const maxPages = intOption(values, 'max-pages', 1);
  const { state: initial, resume } = await plan(context, out, statePath, request);
  // Configuration errors surface before any file is touched.
  const opened: CliProvider[] = [];
  for (const id of initial.providers) {
    opened.push(await context.openProvider(parseProviderId(id, statePath)));
  }
  const handle = await open(out, resume ? 'r+' : 'w');
  let result: { state: ExportState; complete: boolean };
  try {
    let state = initial;
    if (resume) {
      await handle.truncate(state.bytes);
      await handle.sync();
      await context.note(`resuming ${outOption} after ${state.rows} rows (${state.pages} pages)`);
    } else {
      const header = createFormatter(state.format, recordShape({ raw: state.raw })).header();
      state = { ...state, bytes: await writeDurably(handle, header, 0) };
      await writeExportState(statePath, state);
    }
    result = await exportPages(context, opened, handle, statePath, state, maxPages);
  } finally {
    await handle.close();
  }
  const { state, complete } = result;
  if (!complete) {
    await context.note(
      `stopped after ${state.rows} rows (${state.pages} pages) because of --max-pages; continue with --resume`,
    );
    return EXIT.ok;
  }
  await removeExportState(statePath);
  await context.note(`wrote ${state.rows} rows (${state.pages} pages) to ${outOption}`);
  return EXIT.ok;
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'stream every position to a CSV or JSON-lines file, resumable',
  help: HELP,
  options: {
    out: { type: 'string', short: 'o' },
    provider: { type: 'string', multiple: true },
    format: { type: 'string' },
    raw: { type: 'boolean' },
    'page-size': { type: 'string' },
    resume: { type: 'boolean' },
    force: { type: 'boolean' },
    all: { type: 'boolean' },
    'max-pages': { type: 'string' },
  },
  positionals: { min: 0, max: 0 },
  run,
};
