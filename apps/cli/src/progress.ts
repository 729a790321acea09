import type { OutputStream } from './io.js';

export interface ProgressState {
  label: string;
  rows: number;
  pages: number;
  /** Total rows the provider announced, when known. */
  total?: number | undefined;
}

const BAR_WIDTH = 24;

/** One progress line: a bar when the total is known and consistent, else running counts. */
export function renderProgress(state: ProgressState): string {
  const counts = `${state.rows} rows · ${state.pages} page${state.pages === 1 ? '' : 's'}`;
  const { total } = state;
  if (total === undefined || total <= 0 || state.rows > total) return `${state.label}  ${counts}`;
  const ratio = state.rows / total;
  const filled = Math.round(ratio * BAR_WIDTH);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
  return `${state.label}  ${bar} ${Math.floor(ratio * 100)}%  ${state.rows}/${total} rows · ${state.pages} page${state.pages === 1 ? '' : 's'}`;
}

/** Progress of a long sync, drawn on one stderr line. */
export interface Progress {
  /** Whether anything is drawn: work done only for the bar (counting rows) can be skipped. */
  readonly active: boolean;
  update(state: Omit<ProgressState, 'label'>): void;
  /** Clears the line. */
  done(): void;
}

const NO_PROGRESS: Progress = Object.freeze({ active: false, update: () => {}, done: () => {} });

/**
 * A progress line on `stream`, only when it is a terminal and not silenced: piped or redirected
 * stderr (cron, CI logs) gets nothing. Redraws at most every `intervalMs`.
 */
export function createProgress(
  stream: OutputStream,
  options: { label: string; enabled: boolean; intervalMs?: number; now?: () => number },
): Progress {
  if (!options.enabled || stream.isTTY !== true) return NO_PROGRESS;
  const now = options.now ?? Date.now;
  const interval = options.intervalMs ?? 100;
  let last = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    active: true,
    update(state) {
      const time = now();
      if (time - last < interval) return;
      last = time;
      // `columns` is 0 on a pseudo-terminal without a size (e.g. `script`): use the usual width then.
      const width = (stream.columns || 80) - 1;
      stream.write(
        `\r\x1b[2K${renderProgress({ label: options.label, ...state }).slice(0, width)}`,
      );
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
