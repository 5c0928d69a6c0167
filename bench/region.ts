import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoRegion } from '../server/demo/generate.ts';

/** The benchmarks' region, generated once per size into the temp directory and reused. */
export async function benchRegion(houses: number): Promise<string> {
  const dir = join(tmpdir(), `sverka-bench-region-${houses}`);
  if (!existsSync(join(dir, 'manifest.json'))) {
    const t = performance.now();
    await generateDemoRegion({ outDir: dir, houses, seed: 72 });
    console.log(`generated a region of ${houses} houses in ${((performance.now() - t) / 1000).toFixed(1)} s (${dir})`);
  }
  return dir;
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
export const millis = (ms: number): string => `${ms.toFixed(1)} ms`;
