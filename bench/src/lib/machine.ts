import { execFileSync } from 'node:child_process';
import { cpus, release, totalmem } from 'node:os';
import { prismVersion } from './paths.js';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  commit: string;
  date: string;
  autocannon: string;
  prism: string;
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

export function describeMachine(autocannonVersion: string): Machine {
  const dirty = git(['status', '--porcelain', '--untracked-files=no']) !== '';
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    os: `Linux ${release()}`,
    node: process.version,
    commit: `${git(['rev-parse', '--short', 'HEAD'])}${dirty ? ' (with uncommitted changes of other packages)' : ''}`,
    date: new Date().toISOString(),
    autocannon: autocannonVersion,
    prism: prismVersion(),
  };
}
