import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Not ours, or made by a run: never described. */
const SKIP = new Set(['node_modules', 'dist', 'data', 'demo-data', 'test-results', '.git', '.vite']);

const folders = (dir: string): string[] => readdirSync(dir).filter((f) => !f.startsWith('.') && !SKIP.has(f) && statSync(join(dir, f)).isDirectory());

/** The folders a README speaks for: its own, and those below without a README of their own. */
function described(dir: string): string[] {
  return folders(dir).flatMap((f) => {
    const sub = join(dir, f);
    return existsSync(join(sub, 'README.md')) ? [sub] : [sub, ...described(sub)];
  });
}

function readmes(dir: string): string[] {
  return [...(existsSync(join(dir, 'README.md')) ? [dir] : []), ...folders(dir).flatMap((f) => readmes(join(dir, f)))];
}

describe('folder READMEs', () => {
  it('name every folder they speak for (`name/`), so a new folder cannot go unmentioned', () => {
    const missing: string[] = [];
    for (const dir of readmes(root)) {
      const text = readFileSync(join(dir, 'README.md'), 'utf8');
      for (const sub of described(dir)) {
        const name = sub.slice(sub.lastIndexOf('/') + 1);
        if (!text.includes(`${name}/`)) missing.push(`${relative(root, dir) || '.'}/README.md: ${relative(dir, sub)}/`);
      }
    }
    expect(missing).toEqual([]);
  });
});
