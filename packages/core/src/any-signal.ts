/** A signal combined from others, and how to let go of them. */
export interface AnySignal {
  /** Aborts, with the same reason, as soon as any of the combined signals aborts. */
  readonly signal: AbortSignal;
  /**
   * Removes the listeners put on the combined signals. Call it once the operation settles: a
   * long-lived signal (a server's shutdown, a subscription's end) then holds nothing of it.
   */
  readonly dispose: () => void;
}

/**
 * `AbortSignal.any`, without its cost on a long-lived signal: Node before 20.3 lacks it, and its
 * Node 20 and 22 versions keep every combined signal reachable from a long-lived source until
 * that source aborts (nodejs/node#55351, #54614), so one call per request grows memory without
 * bound. Here the listeners live until {@link AnySignal.dispose} or the first abort, whichever
 * comes first. `undefined` entries are skipped.
 */
export function anySignal(signals: readonly (AbortSignal | undefined)[]): AnySignal {
  const controller = new AbortController();
  const sources = signals.filter((signal): signal is AbortSignal => signal !== undefined);
  const aborted = sources.find((signal) => signal.aborted);
  if (aborted !== undefined) {
    controller.abort(aborted.reason);
    return { signal: controller.signal, dispose: () => {} };
  }
  const dispose = (): void => {
    for (const source of sources) source.removeEventListener('abort', onAbort);
  };
  const onAbort = (event: Event): void => {
    dispose();
    controller.abort((event.target as AbortSignal).reason);
  };
  for (const source of sources) source.addEventListener('abort', onAbort);
  return { signal: controller.signal, dispose };
}
