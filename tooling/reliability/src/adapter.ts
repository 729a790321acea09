import type { BadAnswersAdapter } from './suites/bad-responses.js';
import type { ResumeAdapter } from './suites/resume.js';
import type { SecretsAdapter } from './suites/secrets.js';
import type { SyncUnderFaultsAdapter } from './suites/sync-under-faults.js';

/**
 * Everything the reliability suites need to know about one provider: how to create its client on
 * a sandbox or scripted gateway URL, its operations, how to break its answers, what it must
 * answer. Each client package defines its adapter in `src/test-support/` and runs
 * {@link describeReliability} with it.
 */
export interface ProviderAdapter {
  name: string;
  badAnswers: Omit<BadAnswersAdapter, 'name'>;
  resume: Omit<ResumeAdapter, 'name'>;
  secrets: Omit<SecretsAdapter, 'name'>;
  syncUnderFaults: Omit<SyncUnderFaultsAdapter, 'name'>;
}
