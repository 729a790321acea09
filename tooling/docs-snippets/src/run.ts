import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ts from 'typescript';

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Working folder: inside this package, so the snippets' `@inv/*` imports resolve. */
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
}

/** Runs a command to completion without blocking the event loop (the sandbox lives in this process). */
export function runProcess(
  command: string,
  args: readonly string[],
  options: RunOptions,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a timeout also ends what the snippet started in the background
      // (`inv sandbox &`), which would otherwise hold the pipes open and the test forever.
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      stderr += `\n[docs-snippets] killed after ${options.timeoutMs} ms: does the snippet leave a server or timer running?`;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, options.timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      // Nothing a snippet started outlives it.
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group has already ended.
      }
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Runs a TypeScript block as an ES module with Node 20, which cannot load TypeScript itself:
 * the block is transpiled (types erased, nothing checked here; the type check is its own test).
 */
export async function runTypeScript(
  code: string,
  name: string,
  options: RunOptions,
): Promise<RunResult> {
  const { outputText } = ts.transpileModule(code, {
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: true,
    },
    fileName: `${name}.ts`,
  });
  const file = join(options.cwd, `${name}.mjs`);
  await writeFile(file, outputText);
  return runProcess(process.execPath, [file], options);
}

/**
 * `npx` as it behaves once the packages are installed, but on this checkout's builds: `tooling/pack`
 * runs the same `npx` lines against the packed tarballs.
 */
const NPX_SHIM = `npx() {
  case "$1" in
    @inv/cli) shift; inv "$@" ;;
    @inv/sandbox) shift; inv-sandbox "$@" ;;
    *) "$@" ;;
  esac
}`;

/**
 * Runs a shell block with bash: stops at the first command that fails, unless `exitCodes` allows
 * more than 0, then at the first command whose status is not one of them.
 */
export function runShell(
  code: string,
  exitCodes: readonly number[],
  options: RunOptions,
): Promise<RunResult> {
  const allowed = exitCodes.join(',');
  const errorHandling =
    allowed === '0'
      ? 'set -e -o pipefail'
      : `set -o pipefail\ntrap 'rc=$?; case ",${allowed}," in *",$rc,"*) ;; *) exit "$rc" ;; esac' ERR`;
  return runProcess('bash', ['-c', `${errorHandling}\n${NPX_SHIM}\n${code}`], options);
}

/** The variables a shell gets by pasting the banner's `export` lines. */
export async function environmentOfBanner(banner: string): Promise<Record<string, string>> {
  const exports = banner.split('\n').filter((line) => line.startsWith('export '));
  const names = exports.map((line) => line.slice('export '.length).split('=')[0] ?? '');
  const result = await runProcess('bash', ['-c', `${exports.join('\n')}\nenv -0`], {
    cwd: process.cwd(),
    env: {},
    timeoutMs: 10_000,
  });
  const all = new Map(
    result.stdout
      .split('\0')
      .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
  );
  return Object.fromEntries(names.map((name) => [name, all.get(name) ?? '']));
}
