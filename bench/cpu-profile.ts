import { Session } from 'node:inspector/promises';
import { fixed, row } from './format.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Runs `work` under the V8 sampling profiler of this thread (the server's: the load generator runs in a worker). */
export async function profiled<T>(work: () => Promise<T>): Promise<{ result: T; profile: Profile }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    const result = await work();
    const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
    return { result, profile };
  } finally {
    session.disconnect();
  }
}

/** Which part of the stack a sampled frame belongs to. */
function areaOf({ functionName, url }: ProfileNode['callFrame']): string {
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(garbage collector)') return 'garbage collection';
  // better-sqlite3's native methods carry no URL; commits (with their fsync) run inside `run`.
  const nativeSqlite = url === '' && ['run', 'all', 'get', 'exec', 'prepare'].includes(functionName);
  if (nativeSqlite || url.includes('kysely/dist/esm/dialect/sqlite') || url.includes('better-sqlite3') || url.includes('statement-cache')) {
    return 'SQLite statements (prepare, run, commit with fsync)';
  }
  if (url.includes('kysely')) return 'Kysely (building and compiling queries)';
  // Batches go to the SQLite writer thread (src/store/sqlite-intake-thread.ts) by postMessage.
  if (url === 'node:internal/worker' || (url === '' && functionName === 'postMessage')) return 'posting batches to the SQLite writer thread';
  if (url.includes('/zod/')) return 'zod (validating the report)';
  if (url.startsWith('node:internal/crypto')) return 'crypto (ids, token hashes, field encryption)';
  if (/^node:(_http|net|internal\/(streams|stream_base|http))/.test(url) || (url === '' && /^write/.test(functionName))) return 'HTTP parsing and socket writes';
  if (url.includes('/src/')) return `app: ${url.slice(url.indexOf('/src/') + 1)}`;
  if (url === '' && functionName === '(program)') return 'V8 and native code';
  return 'other';
}

/**
 * Prints the top areas by self time, as shares of the busy (not idle) time, and, given the
 * reports accepted, the server thread's busy time per report.
 */
export function printWhereTheTimeGoes(profile: Profile, accepted?: number, top = 10): void {
  const deltas = new Map<number, number>();
  profile.samples.forEach((id, index) => deltas.set(id, (deltas.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const byArea = new Map<string, number>();
  for (const node of profile.nodes) {
    const area = areaOf(node.callFrame);
    byArea.set(area, (byArea.get(area) ?? 0) + (deltas.get(node.id) ?? 0));
  }
  const idle = byArea.get('idle') ?? 0;
  byArea.delete('idle');
  const busy = [...byArea.values()].reduce((sum, each) => sum + each, 0);
  const total = busy + idle;
  console.log(`  where the app's CPU time goes (V8 sampling profile of the server thread; busy ${fixed((busy / Math.max(total, 1)) * 100, 0)} % of the run)`);
  if (accepted !== undefined && accepted > 0) row('    server thread busy per accepted report', `${fixed(busy / accepted, 0)} µs (the SQLite commits run in their own thread)`);
  for (const [area, micros] of [...byArea.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    row(`    ${area}`, `${fixed((micros / Math.max(busy, 1)) * 100, 1)} %`);
  }
}
