import { rowLabel, rowPhrase } from '../../formulas/registry/row-number.ts';
import type { Sql } from '../db/database.ts';
import { ApiError } from '../http/errors.ts';
import type { HistoryEntry } from '../contract/registries.ts';

interface AuditRow {
  id: number;
  at: string;
  actor: string | null;
  action: string;
  payload: Record<string, unknown>;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const rub = (k: unknown): string => {
  const v = num(k);
  const a = Math.abs(v);
  return `${v < 0 ? '−' : ''}${Math.trunc(a / 100).toLocaleString('ru-RU').replace(/\u00a0/g, ' ')},${String(a % 100).padStart(2, '0')} руб.`;
};
/** Row numbers of a record: an array (older records) or ranges «1-250,252,254-30000» (`rowRanges`). */
function rowsOf(p: Record<string, unknown>): number[] | null {
  if (Array.isArray(p.rows)) return p.rows.filter((x): x is number => typeof x === 'number');
  if (typeof p.rows !== 'string') return null;
  const out: number[] = [];
  for (const part of p.rows.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) continue;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    for (let n = from; n <= to; n++) out.push(n);
  }
  return out;
}

/** «Проверка 10 повторена: поступил реестр № 12 …; вердикт изменился в строках 3, 5 (пропущена → не пройдена: 2); …» */
function linkedRecheckSummary(p: Record<string, unknown>, label: (rowNo: number) => string): string {
  const trigger = (p.trigger ?? {}) as Record<string, unknown>;
  const why = str(trigger.why);
  const rows = rowsOf(p) ?? [];
  const moves = Object.entries((p.moves ?? {}) as Record<string, unknown>).map(([m, n]) => `${m}: ${num(n)}`).join('; ');
  const shown = rows.length > 10 ? `${rows.slice(0, 10).map(label).join(', ')}…` : rows.map(label).join(', ');
  const verdicts = rows.length === 0 ? 'вердикты проверки 10 не изменились' : `вердикт проверки 10 изменился в ${rows.length === 1 ? 'строке' : 'строках'} ${shown} (${moves})`;
  return `Проверка 10 повторена: ${why}; ${verdicts}; строк с ошибками ${num(p.rowsFailed)} (было ${num(p.previousRowsFailed)})`;
}

/** Rows are named as everywhere (formulas/registry/row-number.ts): `numbers` maps a file line to the row's «№ п/п». */
type RowNumbers = ReadonlyMap<number, number | null>;

/** A Russian sentence for one audit record of a registry. */
export function historySummary(action: string, p: Record<string, unknown>, numbers: RowNumbers = new Map()): string {
  const label = (rowNo: number): string => rowLabel(numbers.has(rowNo) ? numbers.get(rowNo) : null, rowNo);
  const phrase = (rowNo: number): string => rowPhrase(numbers.has(rowNo) ? numbers.get(rowNo) : null, rowNo);
  const reason = str(p.reason);
  switch (action) {
    case 'registry.register':
      return p.status === 'Отказано в регистрации'
        ? `Реестр поступил (файл «${str(p.fileName)}», строк ${num(p.rows)}); отказано в регистрации: ${(Array.isArray(p.findings) ? p.findings : []).map(str).join('; ')}`
        : `Реестр зарегистрирован: файл «${str(p.fileName)}», строк ${num(p.rows)}, с ошибками ${num(p.rowsFailed)}, заявлено ${rub(p.declaredSum)}${p.executor ? `; исполнитель ${str(p.executor)}` : ''}`;
    case 'registry.take':
      return `Взят в работу, исполнитель ${str(p.executor)}`;
    case 'registry.assign':
      return `Назначен исполнитель: ${str(p.executor)}${p.previous ? ` (вместо ${str(p.previous)})` : ''}`;
    case 'registry.refuse':
      return `Отказано в регистрации: ${reason}`;
    case 'registry.cancel':
      return `Реестр отменен: ${reason}`;
    case 'registry.decide': {
      const rows = rowsOf(p) ?? [];
      const agreed = p.decision === 'Согласован';
      if (rows.length === 1) return agreed ? `${phrase(rows[0] ?? 0)} согласована${reason ? `. Основание: ${reason}` : ''}` : `${phrase(rows[0] ?? 0)} не согласована: ${reason}`;
      return agreed ? `Согласовано строк: ${rows.length}${reason ? `. Основание: ${reason}` : ''}` : `Не согласовано строк: ${rows.length}. Причина: ${reason}`;
    }
    case 'registry.agree_clean':
      return `Согласованы все строки без ошибок: ${(rowsOf(p) ?? []).length}${reason ? `. Основание: ${reason}` : ''}`;
    case 'registry.complete':
      if (p.status === 'Согласован') return `Реестр согласован${num(p.rowsRejected) > 0 ? ' частично' : ''}: согласовано ${rub(p.agreedSum)}, строк не согласовано ${num(p.rowsRejected)}`;
      return `Реестр не согласован: ${reason}${(rowsOf(p) ?? []).length > 0 ? `; без решения оставалось строк: ${(rowsOf(p) ?? []).length}` : ''}`;
    case 'registry.recheck':
      return `Повторная проверка по правилам${p.ruleSet === 'default' ? '' : ` «${str(p.ruleSet)}»`}: строк с ошибками ${num(p.rowsFailed)} (было ${num(p.previousRowsFailed)})`;
    case 'registry.recheck_linked':
      return linkedRecheckSummary(p, label);
    default:
      return action;
  }
}

/** Everything done with a registry and its rows, oldest first, from the audit log. */
export async function registryHistory(sql: Sql, registryId: number): Promise<HistoryEntry[]> {
  const [reg] = await sql`select 1 from registries where id = ${registryId}`;
  if (!reg) throw new ApiError(404, 'registry_not_found', `Реестр № ${registryId} не найден`);
  const rows = await sql<AuditRow[]>`
    select a.id::int as id, to_char(a.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at, u.full_name as actor, a.action, a.payload
    from audit_log a left join users u on u.id = a.actor_id
    where a.entity = 'registry' and a.entity_id = ${String(registryId)} order by a.id`;
  // the «№ п/п» of the rows the sentences name one by one (a bulk decision only counts its rows)
  const named = new Set<number>();
  for (const r of rows) {
    const list = rowsOf(r.payload) ?? [];
    if (r.action === 'registry.recheck_linked') list.slice(0, 10).forEach((x) => named.add(x));
    else if (list.length === 1) named.add(list[0] ?? 0);
  }
  const numbers = await rowNumbers(sql, registryId, [...named]);
  return rows.map((r) => ({ id: r.id, at: r.at, actor: r.actor, action: r.action, summary: historySummary(r.action, r.payload, numbers), rows: rowsOf(r.payload), payload: r.payload }));
}

async function rowNumbers(sql: Sql, registryId: number, rowNos: number[]): Promise<Map<number, number | null>> {
  if (rowNos.length === 0) return new Map();
  const found = await sql<{ row_no: number; n: number | null }[]>`select row_no, n from registry_rows where registry_id = ${registryId} and row_no = any(${rowNos}::int[])`;
  return new Map(found.map((r) => [r.row_no, r.n]));
}

/** One row's decisions (row_decisions), oldest first. */
export async function rowHistory(sql: Sql, registryId: number, rowNo: number): Promise<HistoryEntry[]> {
  const [row] = await sql<{ n: number | null }[]>`select n from registry_rows where registry_id = ${registryId} and row_no = ${rowNo}`;
  if (!row) throw new ApiError(404, 'row_not_found', `В реестре № ${registryId} нет строки ${rowNo}`);
  const phrase = rowPhrase(row.n, rowNo);
  const decisions = await sql<{ id: number; at: string; actor: string | null; status: string; reason: string | null }[]>`
    select d.id::int as id, to_char(d.decided_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at, u.full_name as actor, d.status, d.reason
    from row_decisions d left join users u on u.id = d.actor_id
    where d.registry_id = ${registryId} and d.row_no = ${rowNo} order by d.id`;
  return decisions.map((d) => ({
    id: d.id,
    at: d.at,
    actor: d.actor,
    action: 'row.decide',
    summary: d.status === 'Согласован' ? `${phrase} согласована${d.reason ? `. Основание: ${d.reason}` : ''}` : `${phrase} не согласована: ${d.reason ?? ''}`,
    rows: [rowNo],
    payload: { status: d.status, reason: d.reason },
  }));
}
