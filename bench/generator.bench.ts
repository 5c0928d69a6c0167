import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoRegion, type DemoFileKind } from '../server/demo/generate.ts';

/**
 * Wall time and output size of the demo region generator at the default size and at the size of a large
 * region. Figures are printed, not asserted: the machines are shared. BENCH_SIZES=2000,20000 overrides.
 */
const SIZES = (process.env.BENCH_SIZES ?? '20000,200000').split(',').map(Number);

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  const line = (r: string[]): string => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  ');
  return [line(rows[0] ?? []), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

const summaryRows: string[][] = [['houses', 'wall time', 'РСО', 'БПТР rows', 'registries', 'registry rows', 'rows/s', 'files', 'total size']];
for (const houses of SIZES) {
  const dir = mkdtempSync(join(tmpdir(), `sverka-bench-generator-${houses}-`));
  try {
    const cpu = process.cpuUsage();
    const t = performance.now();
    const s = await generateDemoRegion({ outDir: dir, houses, seed: 72 });
    const ms = performance.now() - t;
    const used = process.cpuUsage(cpu);
    const total = s.files.reduce((a, f) => a + f.bytes, 0);
    summaryRows.push([
      String(houses), `${(ms / 1000).toFixed(2)} s`, String(s.counts.organisations), String(s.counts.tariffs), String(s.counts.registries),
      String(s.counts.registryRows), String(Math.round(s.counts.registryRows / (ms / 1000))), String(s.files.length + 1), mb(total),
    ]);
    const byKind = new Map<DemoFileKind, { files: number; bytes: number }>();
    for (const f of s.files) {
      const k = byKind.get(f.kind) ?? { files: 0, bytes: 0 };
      byKind.set(f.kind, { files: k.files + 1, bytes: k.bytes + f.bytes });
    }
    const formats = new Map<string, number>();
    for (const f of s.files) if (f.registry) formats.set(f.registry.format, (formats.get(f.registry.format) ?? 0) + 1);
    console.log(`\n${houses} houses, ${s.months[0]}…${s.months[s.months.length - 1]}: ${(ms / 1000).toFixed(2)} s wall, ` +
      `${((used.user + used.system) / 1e6).toFixed(2)} s CPU (user ${(used.user / 1e6).toFixed(2)}, system ${(used.system / 1e6).toFixed(2)})`);
    console.log(table([['file kind', 'files', 'size'], ...[...byKind].map(([k, v]) => [k, String(v.files), mb(v.bytes)])]));
    console.log(`registry formats: ${[...formats].map(([f, n]) => `${f} ${n}`).join(', ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(`\n${table(summaryRows)}`);
