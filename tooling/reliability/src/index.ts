import type { ProviderAdapter } from './adapter.js';
import { describeBadAnswers } from './suites/bad-responses.js';
import { describeResume } from './suites/resume.js';
import { describeSecrets } from './suites/secrets.js';
import { describeSyncUnderFaults } from './suites/sync-under-faults.js';

export type { ProviderAdapter } from './adapter.js';
export { failure, syncFailure } from './failure.js';
export { type Scripted, type ScriptedGateway, startScriptedGateway } from './scripted-gateway.js';
export {
  type BadAnswersAdapter,
  describeBadAnswers,
  type EnvelopeCase,
  type FieldCase,
  type RowPatch,
  useScriptedGateway,
} from './suites/bad-responses.js';
export { describeResume, type ResumeAdapter, type ResumeWorld } from './suites/resume.js';
export {
  describeSecrets,
  type SecretsAdapter,
  type SecretsSandbox,
  type SessionContext,
} from './suites/secrets.js';
export {
  describeSyncUnderFaults,
  type FaultClientOptions,
  type ServedSandbox,
  type SyncUnderFaultsAdapter,
  serveSandbox,
} from './suites/sync-under-faults.js';

/** Every reliability suite, run against one provider. */
export function describeReliability(adapter: ProviderAdapter): void {
  const { name } = adapter;
  describeBadAnswers({ name, ...adapter.badAnswers });
  describeResume({ name, ...adapter.resume });
  describeSecrets({ name, ...adapter.secrets });
  describeSyncUnderFaults({ name, ...adapter.syncUnderFaults });
}
