/**
 * Check 10 compares a ВО registry with the ХВС and ГВС registries of its period, which may come later. When one
 * arrives, or stops counting (cancelled, refused), the ВО registries of that period that share a house with it
 * and are still «Новый» or «В работе» are checked again, and their history says which rows changed verdict and why.
 */
import { COLD_WATER, HOT_WATER, SEWERAGE } from '../../formulas/checks/linked-services.ts';
import { linkedVolumesRule } from '../../formulas/checks/rules/r10-linked-volumes.ts';
import { registryLabel } from '../../formulas/registry/registered.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Sql, Tx } from '../db/database.ts';
import { ApiError } from '../http/errors.ts';
import { publishAfterCommand } from '../sync/publish-registry-state.ts';
import { lockRegistry, rowRanges } from './commands.ts';
import { checkStoredFile, storeRecheck, type Rechecked } from './recheck.ts';

const RULE = linkedVolumesRule.id;
const STATUS_WORDS = ['не проверялась', 'пройдена', 'не пройдена', 'пропущена'] as const;

/** What made the ВО registries be checked again. */
export interface LinkedTrigger {
  registryId: number;
  /** `arrived` at intake, `withdrawn` when it was cancelled or refused registration. */
  event: 'arrived' | 'withdrawn';
}

export interface LinkedRecheck {
  registryId: number;
  checkRunId: number;
  /** Rows whose verdict of check 10 changed. */
  changedRows: number[];
}

interface TriggerRow {
  id: string;
  rso_name: string;
  rso_inn: string;
  service: string;
  period: string;
}

/** The ВО registries of the trigger's period still being worked on that share a house with it. */
async function affected(sql: Sql, t: TriggerRow): Promise<number[]> {
  const rows = await sql<{ id: number }[]>`
    select r.id::int as id from registries r
    where r.service = ${SEWERAGE} and r.period = ${`${t.period}-01`}::date and r.status in ('Новый', 'В работе') and r.id <> ${t.id}::bigint
      and exists (select 1 from registry_rows rr where rr.registry_id = r.id and rr.fias_id in (select fias_id from registry_rows where registry_id = ${t.id}::bigint and fias_id <> ''))
    order by r.id`;
  return rows.map((r) => r.id);
}

/** Per row number, the check 10 status code of the current run (0 when that run had no check 10). */
async function currentVerdicts(tx: Tx, id: number): Promise<Map<number, number>> {
  const [run] = await tx<{ rule_ids: string[] }[]>`select c.rule_ids from registries r join check_runs c on c.id = r.check_run_id where r.id = ${id}`;
  const k = run?.rule_ids.indexOf(RULE) ?? -1;
  const rows = await tx<{ row_no: number; s: number | null }[]>`select row_no, check_status[${k + 1}]::int as s from registry_rows where registry_id = ${id}`;
  return new Map(rows.map((r) => [r.row_no, k < 0 ? 0 : (r.s ?? 0)]));
}

function newVerdicts(checked: Rechecked): Map<number, number> {
  const R = checked.result.ruleIds.length;
  const k = checked.result.ruleIds.indexOf(RULE);
  return new Map(checked.rowNo.map((no, i) => [no, k < 0 ? 0 : (checked.result.status[i * R + k] ?? 0)]));
}

/**
 * Checks again every affected ВО registry, one at a time; one that cannot be checked again (its file unreadable,
 * its status changed meanwhile, the database busy) is skipped with a log line, so the command that triggered it,
 * already committed, never fails because of another registry. Returns what changed.
 */
export async function recheckLinkedRegistries(sql: Sql, trigger: LinkedTrigger, actorId: number | null, log: (m: string) => void = console.warn): Promise<LinkedRecheck[]> {
  const [t] = await sql<TriggerRow[]>`select id::text, rso_name, rso_inn, service, to_char(period, 'YYYY-MM') as period from registries where id = ${trigger.registryId}`;
  if (!t || (t.service !== COLD_WATER && t.service !== HOT_WATER)) return [];
  const label = registryLabel({ id: t.id, rsoName: t.rso_name, rsoInn: t.rso_inn, service: t.service, period: t.period });
  const why = trigger.event === 'arrived' ? `поступил ${label}` : `перестал учитываться ${label} (отменен или отказано в регистрации)`;
  const out: LinkedRecheck[] = [];
  for (const id of await affected(sql, t)) {
    try {
      const checked = await checkStoredFile(sql, id);
      const after = newVerdicts(checked);
      const done = await sql.begin(async (tx) => {
        const r = await lockRegistry(tx, id);
        const before = await currentVerdicts(tx, id);
        const changed = [...after].filter(([no, s]) => before.get(no) !== s).map(([no]) => no).sort((a, b) => a - b);
        const stored = await storeRecheck(tx, id, r.status, checked, `Проверка 10 повторена: ${why}`);
        const moves = new Map<string, number>();
        for (const no of changed) {
          const move = `${STATUS_WORDS[before.get(no) ?? 0]} → ${STATUS_WORDS[after.get(no) ?? 0]}`;
          moves.set(move, (moves.get(move) ?? 0) + 1);
        }
        await appendAudit(tx, {
          actorId,
          action: 'registry.recheck_linked',
          entity: 'registry',
          entityId: id,
          payload: {
            checkRunId: stored.checkRunId, trigger: { registryId: trigger.registryId, event: trigger.event, label, why }, rule: RULE,
            rows: rowRanges(changed), moves: Object.fromEntries(moves), rowsFailed: stored.rowsFailed, previousRowsFailed: checked.previousRowsFailed,
          },
        });
        return { registryId: id, checkRunId: stored.checkRunId, changedRows: changed };
      });
      publishAfterCommand(sql, id);
      out.push(done as LinkedRecheck);
    } catch (e) {
      // the command that triggered it has committed: a registry that cannot be checked again now is left as it was
      if (!(e instanceof ApiError)) console.error(e);
      log(`реестр № ${id} не проверен повторно после ${label}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return out;
}
