/** The part of a writable stream `inv` uses, so tests can capture output. */
export interface OutputStream {
  write(chunk: string): boolean;
  once(event: 'drain', listener: () => void): unknown;
  /** Set by Node on terminals. */
  isTTY?: boolean | undefined;
  /** Terminal width, on terminals. */
  columns?: number | undefined;
}

/** Everything a command touches outside its arguments. */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Aborted on Ctrl-C / SIGTERM. */
  signal: AbortSignal;
}

/** Writes text and waits for the stream to drain when it is full, so output never piles up. */
export async function writeText(stream: OutputStream, text: string): Promise<void> {
  if (text === '') return;
  if (!stream.write(text)) await new Promise<void>((resolve) => stream.once('drain', resolve));
}
