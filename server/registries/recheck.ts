import type { SessionUser } from '../contract/auth.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Sql } from '../db/database.ts';
import { ApiError } from '../http/errors.ts';
import { historyStamp, loadCheckHistory } from './check-history.ts';
import { databaseTag, syncChecks, withChecks } from '../checks/check-runner.ts';
import { lockRegistry, mustDecide } from './commands.ts';
import { storeRowsPayload } from './rows-payload.ts';
import { insertCheckRun, updateRowVerdicts } from './store-rows.ts';

/**
 * Re-runs the checks on a registry with the current rule set and reference: the stored file is read again (the
 * verdicts depend on values finer than the stored kopecks), checked in the thread, and the new run replaces the
 * rows' verdicts in one transaction. Decisions are kept.
 */
export async function recheck(sql: Sql, id: number, user: SessionUser): Promise<{ checkRunId: number; rowsFailed: number }> {
  const [reg] = await sql<{ file_name: string; file_content: Uint8Array | null; check_run_id: string | null; rows_failed: number }[]>`
    select file_name, file_content, check_run_id::text as check_run_id, rows_failed from registries where id = ${id}`;
  if (!reg) throw new ApiError(404, 'registry_not_found', `Реестр № ${id} не найден`);
  if (!reg.file_content) throw new ApiError(409, 'no_file', `Файл реестра № ${id} не сохранён: повторная проверка невозможна`);
  const content = reg.file_content;
  const checked = await withChecks(async (api) => {
    const read = await api.read(reg.file_name, new Uint8Array(content));
    if (!read.ok) throw new ApiError(409, 'unreadable', `Сохранённый файл реестра № ${id} не читается`, read.problems);
    const ruleSet = await syncChecks(api, sql);
    const key = `registry-${id}`;
    await api.open(key, { meta: read.meta, rows: read.rows });
    try {
      const history = await loadCheckHistory(sql, { service: read.meta.service, period: read.meta.period, months: ruleSet.body.params.history_months, fias: read.rows.fias, exclude: id });
      await api.setHistory(`${databaseTag(sql)}:${await historyStamp(sql)}:${key}`, history);
      return { result: await api.check(key), rowNo: Array.from(read.rows.fileRow), ruleSet };
    } finally {
      await api.close(key);
    }
  });
  return sql.begin(async (tx) => {
    const r = await lockRegistry(tx, id);
    if (user.role !== 'analyst') mustDecide(user, r);
    if (r.status !== 'Новый' && r.status !== 'В работе') throw new ApiError(409, 'wrong_status', `Реестр № ${id} в статусе «${r.status}»: повторная проверка невозможна`);
    const [now] = await tx<{ run: string | null }[]>`select check_run_id::text as run from registries where id = ${id}`;
    if (now?.run !== reg.check_run_id) throw new ApiError(409, 'changed', `Реестр № ${id} только что проверен повторно другим пользователем`);
    const runId = await insertCheckRun(tx, id, checked.ruleSet, checked.result);
    const rowsFailed = await updateRowVerdicts(tx, id, checked.rowNo, checked.result);
    await tx`update registries set check_run_id = ${runId}, rows_failed = ${rowsFailed} where id = ${id}`;
    await storeRowsPayload(tx, id);
    await appendAudit(tx, { actorId: user.id, action: 'registry.recheck', entity: 'registry', entityId: id, payload: { checkRunId: runId, ruleSet: `${checked.ruleSet.id}@${checked.ruleSet.version}`, rowsFailed, previousRowsFailed: reg.rows_failed } });
    return { checkRunId: runId, rowsFailed };
  }) as Promise<{ checkRunId: number; rowsFailed: number }>;
}
