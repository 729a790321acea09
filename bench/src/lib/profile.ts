/** Summaries of V8 `.cpuprofile` files (from `node --cpu-prof`): where the server spends its time. */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
}

export interface ProfileLine {
  /** `function (package/file:line)`. */
  frame: string;
  selfPct: number;
  totalPct: number;
}

const IDLE = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const name = functionName || '(anonymous)';
  if (!url) return name;
  const pnpm = /node_modules\/\.pnpm\/[^/]+\/node_modules\/(.+)$/.exec(url)?.[1];
  const workspace = /\/work\/main\/(.+)$/.exec(url)?.[1];
  const file = pnpm ?? workspace ?? url.replace(/^file:\/\//, '');
  return `${name} (${file}:${lineNumber + 1})`;
}

/**
 * Self and inclusive share of busy samples per function (idle and the profiler's own frames out).
 * Garbage collection is reported as its own line.
 */
export function summarizeProfile(path: string, top = 25): ProfileLine[] {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let busy = 0;
  for (const id of profile.samples) {
    const node = byId.get(id);
    if (!node) continue;
    const name = node.callFrame.functionName;
    if (name === '(idle)' || name === '(program)') continue;
    busy++;
    const leaf = frameName(node);
    self.set(leaf, (self.get(leaf) ?? 0) + 1);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frameNode = byId.get(at);
      if (!frameNode || IDLE.has(frameNode.callFrame.functionName)) continue;
      const frame = frameName(frameNode);
      if (seen.has(frame)) continue;
      seen.add(frame);
      total.set(frame, (total.get(frame) ?? 0) + 1);
    }
  }
  const lines = [...total.keys()].map((frame) => ({
    frame,
    selfPct: ((self.get(frame) ?? 0) / busy) * 100,
    totalPct: ((total.get(frame) ?? 0) / busy) * 100,
  }));
  for (const [frame, count] of self) {
    if (!total.has(frame)) lines.push({ frame, selfPct: (count / busy) * 100, totalPct: 0 });
  }
  return lines.sort((a, b) => b.selfPct - a.selfPct).slice(0, top);
}
