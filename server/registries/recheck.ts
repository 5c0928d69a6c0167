import type { RegistryCheckResult } from '../../formulas/checks/check-registry.ts';
import type { SessionUser } from '../contract/auth.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Sql, Tx } from '../db/database.ts';
import { ApiError } from '../http/errors.ts';
import type { RuleSetVersion } from '../contract/registries.ts';
import { historyStamp, loadCheckHistory } from './check-history.ts';
import { databaseTag, syncChecks, withChecks } from '../checks/check-runner.ts';
import { lockRegistry, mustDecide } from './commands.ts';
import { storeRowsPayload } from './rows-payload.ts';
import { insertCheckRun, updateRowVerdicts } from './store-rows.ts';

/** A registry's stored file checked again: the result, the rows it belongs to, and the rule set used. */
export interface Rechecked {
  result: RegistryCheckResult;
  rowNo: number[];
  ruleSet: RuleSetVersion;
  /** The run it replaces, and its rows with errors. */
  previousRun: string | null;
  previousRowsFailed: number;
}

/**
 * Reads the stored file again (the verdicts depend on values finer than the stored kopecks) and checks it in the
 * thread with the current rule set, reference and the history of the other registries.
 */
export async function checkStoredFile(sql: Sql, id: number): Promise<Rechecked> {
  const [reg] = await sql<{ file_name: string; file_content: Uint8Array | null; check_run_id: string | null; rows_failed: number }[]>`
    select file_name, file_content, check_run_id::text as check_run_id, rows_failed from registries where id = ${id}`;
  if (!reg) throw new ApiError(404, 'registry_not_found', `Реестр № ${id} не найден`);
  if (!reg.file_content) throw new ApiError(409, 'no_file', `Файл реестра № ${id} не сохранён: повторная проверка невозможна`);
  const content = reg.file_content;
  return withChecks(async (api) => {
    const read = await api.read(reg.file_name, new Uint8Array(content));
    if (!read.ok) throw new ApiError(409, 'unreadable', `Сохранённый файл реестра № ${id} не читается`, read.problems);
    const ruleSet = await syncChecks(api, sql);
    const key = `registry-${id}`;
    await api.open(key, { meta: read.meta, rows: read.rows });
    try {
      const history = await loadCheckHistory(sql, { service: read.meta.service, period: read.meta.period, months: ruleSet.body.params.history_months, fias: read.rows.fiasId, exclude: id });
      await api.setHistory(`${databaseTag(sql)}:${await historyStamp(sql)}:${key}`, history);
      return { result: await api.check(key), rowNo: Array.from(read.rows.fileRow), ruleSet, previousRun: reg.check_run_id, previousRowsFailed: reg.rows_failed };
    } finally {
      await api.close(key);
    }
  });
}

/**
 * Stores a re-check as the registry's current run, in the caller's transaction with the registry locked: the run,
 * the rows' verdicts (decisions kept), the counter and the rows payload. Refuses when another re-check got there
 * first, or when the registry is no longer being worked on.
 */
export async function storeRecheck(tx: Tx, id: number, status: string, checked: Rechecked, note: string | null): Promise<{ checkRunId: number; rowsFailed: number }> {
  if (status !== 'Новый' && status !== 'В работе') throw new ApiError(409, 'wrong_status', `Реестр № ${id} в статусе «${status}»: повторная проверка невозможна`);
  const [now] = await tx<{ run: string | null }[]>`select check_run_id::text as run from registries where id = ${id}`;
  if (now?.run !== checked.previousRun) throw new ApiError(409, 'changed', `Реестр № ${id} только что проверен повторно другим пользователем`);
  const checkRunId = await insertCheckRun(tx, id, checked.ruleSet, checked.result, note);
  const rowsFailed = await updateRowVerdicts(tx, id, checked.rowNo, checked.result);
  await tx`update registries set check_run_id = ${checkRunId}, rows_failed = ${rowsFailed} where id = ${id}`;
  await storeRowsPayload(tx, id);
  return { checkRunId, rowsFailed };
}

/**
 * Re-runs the checks on a registry with the current rule set and reference, on a reviewer's or analyst's
 * request; the new run replaces the rows' verdicts in one transaction. Decisions are kept.
 */
export async function recheck(sql: Sql, id: number, user: SessionUser): Promise<{ checkRunId: number; rowsFailed: number }> {
  const checked = await checkStoredFile(sql, id);
  return sql.begin(async (tx) => {
    const r = await lockRegistry(tx, id);
    if (user.role !== 'analyst') mustDecide(user, r);
    const stored = await storeRecheck(tx, id, r.status, checked, null);
    await appendAudit(tx, { actorId: user.id, action: 'registry.recheck', entity: 'registry', entityId: id, payload: { checkRunId: stored.checkRunId, ruleSet: `${checked.ruleSet.id}@${checked.ruleSet.version}`, rowsFailed: stored.rowsFailed, previousRowsFailed: checked.previousRowsFailed } });
    return stored;
  }) as Promise<{ checkRunId: number; rowsFailed: number }>;
}
