import { parseDate } from '../parse/date.ts';
import { parseScaled } from '../parse/decimal.ts';
import type { Problem } from '../problem.ts';
import { cellText, type Cell, type Grid } from '../table/grid.ts';
import { normalizeHeader } from '../table/normalize.ts';
import { findHeader, headerProblem } from '../table/read-table.ts';
import { parsePeriod } from './period.ts';
import type { ServiceDictionary } from './services.ts';
import { REGISTRY_COLUMNS } from './columns.ts';
import { emptyRegistryRows, type RegistryMeta, type RegistryMetaKey, type RegistryRows, type RegistrySpec } from './types.ts';

export type RegistryRead =
  | { ok: true; meta: RegistryMeta; rows: RegistryRows; problems: Problem[] }
  | { ok: false; problems: Problem[] };

function readMetadata(grid: Grid, headerRow: number, spec: RegistrySpec): Map<RegistryMetaKey, { value: Cell; row: number }> {
  const labels = new Map<string, RegistryMetaKey>();
  for (const m of spec.metadata) for (const l of [m.title, ...m.labels]) labels.set(normalizeHeader(l), m.key);
  const found = new Map<RegistryMetaKey, { value: Cell; row: number }>();
  for (let r = 0; r < headerRow; r++) {
    const row = grid[r] ?? [];
    const first = row.findIndex((c) => cellText(c) !== '');
    if (first < 0) continue;
    const key = labels.get(normalizeHeader(cellText(row[first])));
    if (!key || found.has(key)) continue;
    const value = row.slice(first + 1).find((c) => cellText(c) !== '') ?? null;
    found.set(key, { value, row: r + 1 });
  }
  return found;
}

/** Cell of a number column → integer of 10^-4, NaN when empty or unreadable (the problem is recorded). */
function scaled(cell: Cell | undefined, onError: (message: string) => void): number {
  if (cell === null || cell === undefined || cellText(cell) === '') return Number.NaN;
  const r = parseScaled(typeof cell === 'number' ? cell : cellText(cell), 4);
  if (r.ok) return r.value;
  onError(r.message);
  return Number.NaN;
}

/**
 * Reads a registry in the unified template. Structural problems (no header, a required column or the
 * ИНН, service or period missing) reject the file; unreadable cells are reported with file, row and
 * column and leave that value empty, for the checks to fail the row.
 */
export function readRegistry(grid: Grid, spec: RegistrySpec, services: ServiceDictionary, file: string): RegistryRead {
  const header = findHeader(grid, spec);
  if (!header.ok) return { ok: false, problems: [headerProblem(file, header)] };
  const { rowIndex, columns } = header.value;
  const meta = readMetadata(grid, rowIndex, spec);
  const structural: Problem[] = [];
  const text = (k: RegistryMetaKey): string => cellText(meta.get(k)?.value ?? null);
  const metaTitle = (k: RegistryMetaKey): string => spec.metadata.find((m) => m.key === k)?.title ?? k;

  const rsoInn = text('rso_inn').replace(/\s/g, '');
  if (!rsoInn) structural.push({ file, message: `в шапке реестра нет «${metaTitle('rso_inn')}»` });
  const serviceText = text('service');
  const service = serviceText ? services.resolve(serviceText) : null;
  if (!serviceText) structural.push({ file, message: `в шапке реестра нет «${metaTitle('service')}»` });
  else if (!service) structural.push({ file, row: meta.get('service')?.row, message: `неизвестная услуга «${serviceText}»` });
  const periodCell = meta.get('period')?.value ?? null;
  const period = periodCell === null ? null : parsePeriod(typeof periodCell === 'number' ? periodCell : cellText(periodCell));
  if (!period) structural.push({ file, message: `в шапке реестра нет «${metaTitle('period')}»` });
  else if (!period.ok) structural.push({ file, row: meta.get('period')?.row, message: period.message });
  const letterCell = meta.get('letter_date')?.value ?? null;
  const letterDate = letterCell === null ? null : parseDate(typeof letterCell === 'number' ? letterCell : cellText(letterCell));
  if (letterDate && !letterDate.ok) structural.push({ file, row: meta.get('letter_date')?.row, message: `дата письма: ${letterDate.message}` });
  if (structural.length > 0 || !service || !period?.ok) return { ok: false, problems: structural };

  const problems: Problem[] = [];
  const col = (key: string): number => columns.get(key)?.index ?? -1;
  const headerOf = (key: string): string => columns.get(key)?.header ?? key;
  const dataRows: number[] = [];
  for (let r = rowIndex + 1; r < grid.length; r++) {
    const row = grid[r] ?? [];
    if (row.some((c) => cellText(c) !== '')) dataRows.push(r);
  }
  const count = dataRows.length;
  const rows = emptyRegistryRows(count);
  const at = (row: Cell[], i: number): Cell | undefined => (i < 0 ? undefined : row[i]);
  // one filler per column, each writing into its own array: a 30,000-row file is read in one tight pass
  const fillers = REGISTRY_COLUMNS.map((c): ((row: Cell[], i: number, r: number) => void) => {
    const index = col(c.sql);
    const report = (r: number) => (message: string): void => {
      problems.push({ file, row: r + 1, column: headerOf(c.sql), message });
    };
    switch (c.kind) {
      case 'text':
      case 'date': {
        const out = rows[c.key];
        const lower = 'lowerCase' in c;
        return (row, i) => {
          const text = cellText(at(row, index));
          out[i] = lower ? text.toLowerCase() : text;
        };
      }
      case 'integer': {
        const out = rows[c.key];
        return (row, i, r) => {
          const n = scaled(at(row, index), report(r));
          out[i] = Number.isNaN(n) ? Number.NaN : n / 10_000;
        };
      }
      case 'decimal':
      case 'money': {
        const out = rows[c.key];
        return (row, i, r) => {
          out[i] = scaled(at(row, index), report(r));
        };
      }
      default:
        return c satisfies never;
    }
  });
  for (let i = 0; i < count; i++) {
    const r = dataRows[i] ?? 0;
    const row = grid[r] ?? [];
    rows.fileRow[i] = r + 1;
    for (const fill of fillers) fill(row, i, r);
  }
  if (count === 0) problems.push({ file, message: 'в реестре нет строк с данными' });
  return {
    ok: true,
    meta: {
      rsoName: text('rso_name'),
      rsoInn,
      service,
      period: period.value,
      letterNo: text('letter_no') || null,
      letterDate: letterDate?.ok ? letterDate.value.iso : null,
    },
    rows,
    problems,
  };
}
