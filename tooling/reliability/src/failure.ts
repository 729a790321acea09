import { InvError, type Page } from '@inv/core';
import { expect } from 'vitest';

/** Runs `run`, which must reject with an `InvError`; returns it. */
export async function failure(run: () => Promise<unknown> | undefined): Promise<InvError> {
  const outcome = await Promise.resolve()
    .then(run)
    .then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
  if (!('error' in outcome)) {
    throw new Error(`expected a typed error, got ${JSON.stringify(outcome.value).slice(0, 300)}`);
  }
  expect(outcome.error).toBeInstanceOf(InvError);
  return outcome.error as InvError;
}

/** Reads every page of a sync, which must fail with an `InvError`; returns it. */
export function syncFailure(pages: AsyncIterable<Page> | undefined): Promise<InvError> {
  return failure(async () => {
    for await (const _ of pages ?? []);
  });
}
