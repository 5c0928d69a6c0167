import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { OtherRegistry } from '../../formulas/checks/history-index.ts';
import { rowVolumes } from '../../formulas/checks/history-index.ts';
import type { ReferenceData } from '../../formulas/checks/reference-index.ts';
import { formatProblem, type Problem } from '../../formulas/problem.ts';
import { readReference } from '../../formulas/reference/read-reference.ts';
import { CHECK_REFERENCE_KINDS, type ReferenceKind } from '../../formulas/reference/types.ts';
import { periodTitle } from '../../formulas/registry/period.ts';
import { readRegistry, type RegistryRead } from '../../formulas/registry/read-registry.ts';
import type { ServiceDictionary } from '../../formulas/registry/services.ts';
import { readGridFile } from '../../formulas/table/read-file.ts';
import { referenceSpecs, registrySpec } from '../../templates/index.ts';

const TABLE_FILE = /\.(csv|xlsx|txt)$/i;

/** Files of a directory and its subdirectories, sorted for a stable order. */
export function listTableFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listTableFiles(path));
    else if (TABLE_FILE.test(name)) out.push(path);
  }
  return out;
}

export class UnreadableInput extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}

/**
 * Reads the reference files of the given kinds (csv or xlsx, named after their kind) from a directory; a missing
 * file or any problem in one is fatal, with every problem by file, row and column.
 */
export async function loadReferenceKinds<K extends ReferenceKind>(dir: string, kinds: readonly K[]): Promise<Record<K, unknown[]>> {
  const files = listTableFiles(dir);
  const data: Partial<Record<K, unknown[]>> = {};
  const problems: Problem[] = [];
  for (const kind of kinds) {
    const file = files.find((f) => basename(f).toLowerCase().startsWith(kind));
    if (!file) {
      problems.push({ file: dir, message: `нет файла справочника «${kind}» (csv или xlsx)` });
      continue;
    }
    const grid = await readGridFile(basename(file), readFileSync(file), referenceSpecs[kind]);
    if (!grid.ok) {
      problems.push({ file: basename(file), message: grid.message });
      continue;
    }
    const read = readReference(kind, referenceSpecs[kind], grid.value, basename(file));
    problems.push(...read.problems);
    data[kind] = read.records;
  }
  if (problems.length > 0) throw new UnreadableInput(problems);
  return data as Record<K, unknown[]>;
}

/** Reads `houses`, `tariffs`, `organisations` (csv or xlsx) of a reference directory; any problem is fatal. */
export async function loadReferenceDir(dir: string): Promise<ReferenceData> {
  return (await loadReferenceKinds(dir, CHECK_REFERENCE_KINDS)) as unknown as ReferenceData;
}

export async function readRegistryFile(path: string, services: ServiceDictionary): Promise<RegistryRead> {
  const grid = await readGridFile(basename(path), readFileSync(path), registrySpec);
  if (!grid.ok) return { ok: false, problems: [{ file: basename(path), message: grid.message }] };
  return readRegistry(grid.value, registrySpec, services, basename(path));
}

/**
 * Every readable registry of a directory as the duplicate and history checks see it. Files that are not
 * registries are skipped with a note: such a directory often holds letters and lists too.
 */
export async function loadRegistriesDir(dir: string, services: ServiceDictionary, exclude: string, note: (m: string) => void): Promise<OtherRegistry[]> {
  const out: OtherRegistry[] = [];
  for (const path of listTableFiles(dir)) {
    if (resolve(path) === resolve(exclude)) continue;
    const r = await readRegistryFile(path, services);
    if (!r.ok) {
      note(`пропущен ${path}: ${r.problems.map((p) => p.message).join('; ')}`);
      continue;
    }
    out.push({
      id: path,
      label: `${r.meta.rsoName || r.meta.rsoInn} (ИНН ${r.meta.rsoInn}), ${r.meta.service}, ${periodTitle(r.meta.period)}, файл ${basename(path)}`,
      service: r.meta.service,
      period: r.meta.period.key,
      fias: r.rows.fiasId,
      fileRow: r.rows.fileRow,
      volume: rowVolumes(r.rows.vLiving, r.rows.vOdn),
    });
  }
  return out;
}
