import { ConfigError } from '@inv/core';
import {
  createKingdeeInventoryState,
  createWinitSandboxState,
  type DatasetStates,
  loadDataset,
  parseDataset,
  type RunningSandbox,
  type SandboxDataset,
  type StartSandboxOptions,
  startSandbox,
} from '@inv/sandbox';
import { describeProviderContract, type ProviderContractOptions } from '@inv/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DriftReport, type DriftVerdict, judgeDrift } from './probe.js';
import { DOCUMENTED_REQUESTS, DOCUMENTED_RESPONSES } from './samples.js';
import {
  type ContractProvider,
  type ContractTarget,
  type ResolveTargetOptions,
  resolveTarget,
} from './target.js';

/** Options of the in-process sandbox a `sandbox` target starts. */
export interface ContractSandboxOptions
  extends Omit<StartSandboxOptions, 'port' | 'host' | 'now' | 'kingdee' | 'winit' | 'dataset'> {
  /** A dataset file's content (parsed JSON) to serve instead of the generated data. */
  dataset?: SandboxDataset | undefined;
}

/** Options shared by every provider's contract suite. */
export interface ContractSuiteOptions extends ResolveTargetOptions {
  /** Title of the suite. Default: `<Provider> contract (<target>)`. */
  name?: string | undefined;
  /** The in-process sandbox of the `sandbox` target. */
  sandbox?: ContractSandboxOptions | undefined;
  /** Per-test timeout in ms. Default 60 000 against the sandbox, 300 000 against a live gateway. */
  timeoutMs?: number | undefined;
  /** Receives the drift verdict (its table is also printed to the test log). */
  onDriftReport?: ((verdict: DriftVerdict) => void) | undefined;
}

/** A sandbox started for a suite, with a clock that documented-sample replays can freeze. */
export interface SuiteSandbox {
  readonly url: string;
  /** The data it serves (known before it starts, so test cases can name real keys). */
  readonly states: DatasetStates;
  /** Runs `fn` with the sandbox clock frozen at `at` (epoch ms). */
  frozenAt<T>(at: number, fn: () => Promise<T>): Promise<T>;
}

/** What a provider module gives the shared suite. */
export interface ProviderSuite {
  /** The core contract options (provider factories, keys) for the resolved target. */
  contract: Omit<ProviderContractOptions, 'name' | 'timeoutMs'>;
  /** Probes the target's answers for drift. */
  probe(): Promise<DriftReport[]>;
}

const TITLES: Record<ContractProvider, string> = { kingdee: 'Kingdee JDY', winit: 'Winit' };

/**
 * Registers a provider's contract suite: documented samples (both directions), the core contract
 * of @inv/testing against the target, and the drift report. `build` is called at registration with
 * the target (and, for `sandbox`, the sandbox about to start).
 */
export function describeContractSuite<P extends ContractProvider>(
  provider: P,
  options: ContractSuiteOptions,
  build: (target: ContractTarget<P>, sandbox: SuiteSandbox | undefined) => ProviderSuite,
): ContractTarget<P> {
  const target = resolveTarget(provider, options);
  const label = target.mode === 'skip' ? 'live, skipped' : target.mode;
  const live = target.mode !== 'sandbox';
  const timeout = options.timeoutMs ?? (live ? 300_000 : 60_000);
  const sandbox = target.mode === 'sandbox' ? prepareSandbox(options.sandbox) : undefined;

  describe(options.name ?? `${TITLES[provider]} contract (${label})`, () => {
    if (sandbox) {
      beforeAll(sandbox.start);
      afterAll(sandbox.stop);
    }

    describe('documented responses parse into the documented fields', () => {
      for (const sample of DOCUMENTED_RESPONSES[provider]) {
        it(sample.name, () => {
          const records = sample.parse();
          expect(records).toHaveLength(sample.expected.length);
          records.forEach((record, i) => {
            expect(record).toMatchObject(sample.expected[i] as object);
          });
        });
      }
    });

    if (sandbox) {
      describe('the sandbox answers documented requests with the documented responses', () => {
        for (const sample of DOCUMENTED_REQUESTS[provider]) {
          it(
            sample.name,
            async () => {
              const answer = await sandbox.handle.frozenAt(sample.at, () =>
                sample.send(sandbox.handle.url),
              );
              expect(answer.status).toBe(200);
              expect(answer.text).toBe(sample.expectedText);
            },
            timeout,
          );
        }
      });
    }

    if (target.mode === 'skip') {
      console.warn(target.reason);
      if (target.allowed) {
        it.skip(target.reason, () => {});
      } else {
        it('live credentials are set', () => {
          throw new ConfigError(target.missing.join(', '), target.reason);
        });
      }
      return;
    }

    const suite = build(target, sandbox?.handle);
    describeProviderContract({
      ...suite.contract,
      name: 'core provider contract',
      timeoutMs: timeout,
    });

    it(
      `answers match the documented schemas (drift report${target.strict ? ', strict' : ''})`,
      async () => {
        const verdict = judgeDrift(await suite.probe(), { strict: target.strict });
        console.log(verdict.table);
        options.onDriftReport?.(verdict);
        const why = target.strict
          ? 'strict mode fails on every drift; unset INV_CONTRACT_STRICT to fail on breaking changes only'
          : 'breaking changes: the client can no longer read these answers';
        expect(
          verdict.failing.map((drift) => `${drift.path} (${drift.kind})`),
          `${why}\n${verdict.table}`,
        ).toEqual([]);
      },
      timeout,
    );
  });
  return target;
}

function prepareSandbox(options: ContractSandboxOptions = {}) {
  const { dataset, ...rest } = options;
  let frozen: number | undefined;
  const now = (): number => frozen ?? Date.now();
  const states: DatasetStates = {
    kingdee: createKingdeeInventoryState({ seed: rest.seed, now }),
    winit: createWinitSandboxState({ seed: rest.seed }),
  };
  // Loaded now, not at start, so the suite can name real ids and SKUs when it registers its tests.
  if (dataset !== undefined) loadDataset(states, parseDataset(dataset));
  let running: RunningSandbox | undefined;
  const handle: SuiteSandbox = {
    get url() {
      if (!running) throw new Error('the contract sandbox is not started yet');
      return running.url;
    },
    states,
    async frozenAt(at, fn) {
      frozen = at;
      try {
        return await fn();
      } finally {
        frozen = undefined;
      }
    },
  };
  return {
    handle,
    start: async (): Promise<void> => {
      running = await startSandbox({
        ...rest,
        port: 0,
        now,
        dataset,
        kingdee: { state: states.kingdee },
        winit: { state: states.winit },
      });
    },
    stop: async (): Promise<void> => {
      await running?.close();
    },
  };
}
