import type { RegistryCheckResult } from '../../formulas/checks/check-registry.ts';
import type { RegisteredRegistry, RegistryFinding } from '../../formulas/checks/registry-checks.ts';
import { parsePeriod } from '../../formulas/registry/period.ts';
import type { RegistryMeta, RegistryRows } from '../../formulas/registry/types.ts';
import type { Problem } from '../../formulas/problem.ts';
import { normalizeName } from '../../formulas/table/normalize.ts';
import { isCounted, registryLabel } from '../../formulas/registry/registered.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Sql } from '../db/database.ts';
import { historyStamp, loadCheckHistory } from './check-history.ts';
import { syncChecks, withChecks, databaseTag } from '../checks/check-runner.ts';
import { deadlinesOf, localDate } from './deadlines.ts';
import { recheckLinkedRegistries, type LinkedRecheck } from './linked-recheck.ts';
import { keepRowsPayload, rowsPayloadOf } from './rows-payload.ts';
import { uploadReader } from '../uploads/reader-thread.ts';
import { insertCheckRun, insertRows, storedRows } from './store-rows.ts';
import type { RegistryStatus, RuleSetVersion } from '../contract/registries.ts';

export interface IntakeForm {
  letterOutNo?: string | undefined;
  letterOutDate?: string | undefined;
  letterInNo?: string | undefined;
  letterInDate?: string | undefined;
  isCorrection?: boolean | undefined;
  comment?: string | undefined;
  executorId?: number | undefined;
}

export interface IntakeInput {
  fileName: string;
  bytes: Uint8Array;
  form: IntakeForm;
  actorId: number | null;
  /** When the registry came in; now unless told (the demo registers last year's letters). */
  registeredAt?: Date;
  /**
   * Sent by an РСО through the portal: the file must be this organisation's (checked before anything is looked
   * up by its ИНН, so a file naming another organisation learns nothing of it); stored «через портал».
   */
  portal?: { rsoInn: string; correctsId?: number | undefined };
}

export type IntakeOutcome =
  | { ok: true; registryId: number; findings: RegistryFinding[]; refused: boolean; problems: Problem[]; checkMs: number; storeMs: number; rechecked: LinkedRecheck[] }
  | { ok: false; problems: Problem[] };

/**
 * The district of a registry: the rows' territory when they share one, else the most frequent one «и др.». РСО
 * spell districts every way («р-н Абатский», «АБАТСКИЙ МУНИЦИПАЛЬНЫЙ РАЙОН»); a territory that names a district of
 * the houses directory is counted under that district's own name, so one district is one value in lists and charts.
 */
export function registryDistrict(territory: readonly string[], canonical: ReadonlyMap<string, string> = new Map()): string | null {
  const counts = new Map<string, number>();
  const named = new Map<string, string>();
  for (const t of territory) {
    const v = t.trim();
    if (!v) continue;
    let name = named.get(v);
    if (name === undefined) named.set(v, (name = canonical.get(normalizeName(v)) ?? v));
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  if (counts.size === 0) return null;
  const [top] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return counts.size === 1 ? (top?.[0] ?? null) : `${top?.[0] ?? ''} и др.`;
}

interface Checked {
  meta: RegistryMeta;
  rows: RegistryRows;
  problems: Problem[];
  findings: RegistryFinding[];
  result: RegistryCheckResult;
  ruleSet: RuleSetVersion;
}

let temp = 0;

/**
 * The file travels as base64 text: the driver would send a bytea parameter as hex, twice the file's size (a
 * 30,000-row registry is a 13 MB file), base64 is 4/3 of it and the server decodes it as fast.
 */
const base64 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

/** Reads and checks a registry file in the check thread: the registry-level findings and the nine plus low-code rules. */
async function readAndCheck(sql: Sql, input: IntakeInput): Promise<{ ok: true; value: Checked } | { ok: false; problems: Problem[] }> {
  // read in the upload thread, before the check thread's turn: a file that takes long to refuse holds no one's checks
  const read = await uploadReader.readRegistry(input.fileName, input.bytes);
  if (!read.ok) return { ok: false as const, problems: read.problems };
  if (input.portal && read.meta.rsoInn !== input.portal.rsoInn) {
    return { ok: false as const, problems: [{ file: input.fileName, column: 'ИНН РСО', message: `ИНН РСО в файле (${read.meta.rsoInn}) не совпадает с ИНН вашей организации (${input.portal.rsoInn})` }] };
  }
  if (input.portal?.correctsId !== undefined) {
    const [orig] = await sql<{ rso_inn: string; service: string; period: string; status: RegistryStatus; rows_rejected: number }[]>`
      select rso_inn, service, to_char(period, 'YYYY-MM') as period, status, rows_rejected from registries where id = ${input.portal.correctsId}`;
    const problem = (message: string) => ({ ok: false as const, problems: [{ file: input.fileName, message }] });
    if (!orig || orig.rso_inn !== input.portal.rsoInn) return problem(`Реестр № ${input.portal.correctsId} не найден`);
    if (orig.service !== read.meta.service || orig.period !== read.meta.period.key) return problem(`Корректировка должна быть за ту же услугу и период, что и реестр № ${input.portal.correctsId} (${orig.service}, ${orig.period})`);
    if (!(orig.status === 'Не согласован' || (orig.status === 'Согласован' && orig.rows_rejected > 0))) return problem(`Реестр № ${input.portal.correctsId} не отклонён: корректировка отправляется на «Не согласован» или частично согласованный реестр`);
  }
  return withChecks(async (api) => {
    const ruleSet = await syncChecks(api, sql);
    const id = `intake-${++temp}`;
    await api.open(id, { meta: read.meta, rows: read.rows });
    try {
      const same = await sql<{ id: string; rso_name: string; rso_inn: string; service: string; period: string; status: RegistryStatus }[]>`
        select id::text, rso_name, rso_inn, service, to_char(period, 'YYYY-MM') as period, status from registries
        where rso_inn = ${read.meta.rsoInn} and service = ${read.meta.service} and period = ${read.meta.period.first}::date`;
      const registered: RegisteredRegistry[] = same.map((r) => ({
        id: r.id,
        label: registryLabel({ id: r.id, rsoName: r.rso_name, rsoInn: r.rso_inn, service: r.service, period: r.period }),
        rsoInn: r.rso_inn,
        service: r.service,
        period: r.period,
        counts: isCounted(r.status),
      }));
      const findings = await api.findings(id, registered, input.form.isCorrection ?? false);
      const history = await loadCheckHistory(sql, { service: read.meta.service, period: read.meta.period, months: ruleSet.body.params.history_months, fias: read.rows.fiasId });
      await api.setHistory(`${databaseTag(sql)}:${await historyStamp(sql)}:${id}`, history);
      const result = await api.check(id);
      return { ok: true as const, value: { meta: read.meta, rows: read.rows, problems: read.problems, findings, result, ruleSet } };
    } finally {
      await api.close(id);
    }
  });
}

/**
 * Registers an incoming registry: reads it, runs the registry-level findings and the checks against the stored
 * registries, and stores the registry, its rows with their verdicts, the check run, the file and the audit record
 * in one transaction. A refusal finding still registers it, as «Отказано в регистрации» with the reason.
 */
export async function registerRegistry(sql: Sql, input: IntakeInput): Promise<IntakeOutcome> {
  const checked = await readAndCheck(sql, input);
  if (!checked.ok) return checked;
  const { meta, rows, findings, result, ruleSet } = checked.value;
  const refusals = findings.filter((f) => f.severity === 'refusal');
  const refused = refusals.length > 0;
  const executorId = refused ? null : (input.form.executorId ?? null);
  const status: RegistryStatus = refused ? 'Отказано в регистрации' : executorId !== null ? 'В работе' : 'Новый';
  const registeredAt = input.registeredAt ?? new Date();
  const deadlines = deadlinesOf(localDate(registeredAt));
  const f = input.form;

  const districts = new Map((await sql<{ name: string; name_key: string }[]>`select name, name_key from municipalities`).map((m) => [m.name_key, m.name]));
  const storing = performance.now();
  const registryId = await sql.begin(async (tx) => {
    if (executorId !== null) {
      const [ex] = await tx`select 1 from users where id = ${executorId} and role = 'reviewer' and active`;
      if (!ex) throw new IntakeError('Исполнителем можно назначить только действующего проверяющего');
    }
    const [reg] = await tx<{ id: string }[]>`
      insert into registries (rso_inn, rso_name, service, period, status, is_correction, letter_out_no, letter_out_date,
        letter_in_no, letter_in_date, executor_id, registered_at, check_deadline, finish_deadline, file_name, comment,
        municipal_district, registered_by, refusal_reason, findings, file_content, via_portal, corrects_id)
      values (${meta.rsoInn}, ${meta.rsoName}, ${meta.service}, ${meta.period.first}::date, ${status}, ${f.isCorrection ?? false},
        ${f.letterOutNo ?? meta.letterNo}, ${f.letterOutDate ?? meta.letterDate}, ${f.letterInNo ?? null}, ${f.letterInDate ?? null},
        ${executorId}, ${registeredAt}, ${deadlines.check}, ${deadlines.finish}, ${input.fileName}, ${f.comment ?? null},
        ${registryDistrict(rows.territory, districts)}, ${input.actorId}, ${refused ? refusals.map((r) => r.message).join('; ') : null},
        ${tx.json(findings as never)}, decode(${base64(input.bytes)}, 'base64'), ${input.portal !== undefined}, ${input.portal?.correctsId ?? null})
      returning id`;
    if (!reg) throw new Error('registry not stored');
    const id = Number(reg.id);
    const runId = await insertCheckRun(tx, id, ruleSet, result);
    const stored = storedRows(rows, result);
    await insertRows(tx, id, stored);
    await tx`update registries set check_run_id = ${runId}, rows_total = ${rows.count}, rows_failed = ${stored.verdicts.failedRows},
      declared_sum = ${stored.declaredSum} where id = ${id}`;
    await keepRowsPayload(tx, rowsPayloadOf(id, runId, result, stored));
    await tx`insert into registry_decisions (registry_id, from_status, to_status, reason, actor_id)
      values (${id}, null, ${status}, ${refused ? refusals.map((r) => r.message).join('; ') : null}, ${input.actorId})`;
    await appendAudit(tx, {
      actorId: input.actorId,
      action: 'registry.register',
      entity: 'registry',
      entityId: id,
      payload: {
        fileName: input.fileName, rsoInn: meta.rsoInn, service: meta.service, period: meta.period.key, status, rows: rows.count,
        rowsFailed: stored.verdicts.failedRows, declaredSum: stored.declaredSum, checkRunId: runId, ruleSet: `${ruleSet.id}@${ruleSet.version}`,
        findings: findings.map((x) => x.message), executorId,
        ...(input.portal ? { viaPortal: true, correctsId: input.portal.correctsId ?? null } : {}),
      },
    });
    return id;
  });
  const storeMs = Math.round(performance.now() - storing);
  // an ХВС or ГВС registry changes check 10 of the ВО registries of its period that came before it
  const rechecked = refused ? [] : await recheckLinkedRegistries(sql, { registryId, event: 'arrived' }, input.actorId);
  return { ok: true, registryId, findings, refused, problems: checked.value.problems, checkMs: Math.round(result.elapsedMs), storeMs, rechecked };
}

/** A registration the input forbids (a bad executor): the route answers 400 with the message. */
export class IntakeError extends Error {}

/** Period of a `YYYY-MM` key, for callers holding one. */
export const periodOfKey = (key: string) => {
  const p = parsePeriod(key);
  if (!p.ok) throw new Error(p.message);
  return p.value;
};
