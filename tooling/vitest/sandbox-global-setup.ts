import { startSandbox } from '@inv/sandbox';
import type { TestProject } from 'vitest/node';

/**
 * Starts one sandbox on 127.0.0.1 for a provider package's test run and provides its URL as
 * `inject('sandboxUrl')`. Provider packages cannot depend on @inv/sandbox (it depends on them), so
 * the sandbox reaches their tests through this setup file instead of an import.
 */
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const sandbox = await startSandbox({ port: 0 });
  project.provide('sandboxUrl', sandbox.url);
  return () => sandbox.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    sandboxUrl: string;
  }
}
