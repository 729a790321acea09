/**
 * Child side of {@link startChild}: runs a server in this process, announces its URL over IPC and
 * answers the parent's questions (memory, CPU, request log). Exits when the parent disconnects.
 */
export interface ServedChild {
  url: string;
  close(): Promise<void>;
  answers?: Record<string, () => unknown> | undefined;
}

declare const gc: (() => void) | undefined;

/** Memory of this process; `gc: true` collects first (needs `--expose-gc`) to see retained memory. */
export function memory(collect: boolean): NodeJS.MemoryUsage {
  if (collect && typeof gc === 'function') {
    gc();
    gc();
  }
  return process.memoryUsage();
}

export async function serveChild(start: (config: unknown) => Promise<ServedChild>): Promise<void> {
  const send = (message: unknown): void => {
    process.send?.(message);
  };
  let served: ServedChild;
  try {
    served = await start(JSON.parse(process.argv[2] ?? '{}'));
  } catch (error) {
    send({ type: 'error', message: (error as Error).stack ?? String(error) });
    process.exit(1);
  }
  const answers: Record<string, () => unknown> = {
    memory: () => memory(false),
    'memory-after-gc': () => memory(true),
    ...served.answers,
  };
  const shutdown = (): void => {
    served.close().finally(() => process.exit(0));
  };
  process.on('message', (message: { type: string; id: number; question: string }) => {
    if (message.type !== 'ask') return;
    const answer = answers[message.question];
    send({ type: 'reply', id: message.id, value: answer ? answer() : undefined });
  });
  process.on('disconnect', shutdown);
  process.on('SIGTERM', shutdown);
  send({ type: 'ready', url: served.url });
}
