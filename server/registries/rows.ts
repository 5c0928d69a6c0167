import { ruleParams } from '../../formulas/checks/params.ts';
import { parseScaled, scaledToDecimal } from '../../formulas/parse/decimal.ts';
import { REGISTRY_COLUMNS, type ColumnKind, type StoredColumns } from '../../formulas/registry/columns.ts';
import { parsePeriod, shiftPeriod } from '../../formulas/registry/period.ts';
import { NOT_COUNTED_STATUSES } from '../../formulas/registry/registered.ts';
import { serviceDictionary } from '../../formulas/registry/services.ts';
import { normalizeName } from '../../formulas/table/normalize.ts';
import { serviceSpecs } from '../../templates/index.ts';
import type { Sql, Tx } from '../db/database.ts';
import { ApiError } from '../http/errors.ts';
import { ROW_STATUSES, type AppliedTariff, type RegistryRowsPayload, type RowDetail, type RowStates, type RowStatus, type RuleResult } from '../contract/registries.ts';
import { currentRuleSet } from '../checks/rule-sets.ts';

const services = serviceDictionary(serviceSpecs);
const STATUS_NAMES = ['passed', 'failed', 'skipped'] as const;

interface RunRow {
  id: number;
  rule_ids: string[];
  rule_titles: string[];
  reasons: string[];
  severities: string[];
}

async function currentRun(sql: Sql | Tx, registryId: number): Promise<RunRow> {
  const [run] = await sql<(RunRow & { registry: number })[]>`
    select r.id::int as registry, c.id::int as id, c.rule_ids, c.rule_titles, c.reasons, c.severities
    from registries r left join check_runs c on c.id = r.check_run_id where r.id = ${registryId}`;
  if (!run) throw new ApiError(404, 'registry_not_found', `Реестр № ${registryId} не найден`);
  if (run.id === null) throw new ApiError(404, 'no_check_run', `Реестр № ${registryId} ещё не проверен`);
  return run;
}

/** How each kind of column is selected for the payload: decimals as their exact text, kopecks as numbers. */
const PAYLOAD_SELECT: Record<ColumnKind, (sql: string) => string> = {
  text: (c) => c,
  date: (c) => c,
  integer: (c) => c,
  decimal: (c) => `${c}::text as ${c}`,
  money: (c) => `${c}::float8 as ${c}`,
};
const PAYLOAD_COLUMNS = REGISTRY_COLUMNS.map((c) => PAYLOAD_SELECT[c.kind](c.sql)).join(', ');

/** Every row of the registry with the current run's verdicts, in columns: one query, arrays built in one pass. */
export async function registryRowsPayload(sql: Sql | Tx, registryId: number): Promise<RegistryRowsPayload> {
  const run = await currentRun(sql, registryId);
  const rows = await sql<(Record<string, string | number | null> & { row_no: number; expected: number | null; st: string | null; rs: string | null })[]>`
    select row_no, ${sql.unsafe(PAYLOAD_COLUMNS)}, expected_subsidy::float8 as expected,
      array_to_string(check_status, ',') as st, array_to_string(check_reasons, ',') as rs
    from registry_rows where registry_id = ${registryId} order by row_no`;
  const R = run.rule_ids.length;
  const count = rows.length;
  const columns = Object.fromEntries(REGISTRY_COLUMNS.map((c) => [c.key, new Array<unknown>(count)])) as Record<string, unknown[]>;
  const p: RegistryRowsPayload = {
    registryId, checkRunId: run.id, ruleIds: run.rule_ids, ruleTitles: run.rule_titles, reasons: run.reasons,
    // runs stored before severities were kept have none: their rules were the nine, all errors
    ruleSeverities: run.rule_ids.map((_, k) => (run.severities[k] === 'warning' ? 'warning' : 'error')), count,
    rowNo: new Array<number>(count), ...(columns as StoredColumns), expected: new Array<number | null>(count),
    checkStatus: new Array<number>(count * R).fill(0), checkReason: new Array<number>(count * R).fill(0),
  };
  for (let i = 0; i < count; i++) {
    const r = rows[i];
    if (!r) continue;
    p.rowNo[i] = r.row_no;
    for (const c of REGISTRY_COLUMNS) {
      const v = r[c.sql] ?? null;
      // text is '' where the file had nothing; numbers and decimals are null
      (columns[c.key] as unknown[])[i] = c.kind === 'text' || c.kind === 'date' ? (v ?? '') : v;
    }
    p.expected[i] = r.expected;
    const st = r.st ? r.st.split(',') : [];
    const rs = r.rs ? r.rs.split(',') : [];
    for (let k = 0; k < R; k++) {
      p.checkStatus[i * R + k] = Number(st[k] ?? 0);
      p.checkReason[i * R + k] = Number(rs[k] ?? 0);
    }
  }
  return p;
}


/** Decisions only, in the rows' order; the version moves with every decision. */
export async function rowStates(sql: Sql, registryId: number): Promise<RowStates> {
  const [reg] = await sql<{ v: string }[]>`select decisions_version::text as v from registries where id = ${registryId}`;
  if (!reg) throw new ApiError(404, 'registry_not_found', `Реестр № ${registryId} не найден`);
  const rows = await sql<{ row_no: number; s: number; reason: string | null }[]>`
    select row_no, case status when 'Согласован' then 1 when 'Не согласован' then 2 else 0 end as s,
      case when status = 'Не согласован' then decision_reason end as reason
    from registry_rows where registry_id = ${registryId} order by row_no`;
  const reasons: Record<number, string> = {};
  const status = rows.map((r) => {
    if (r.reason) reasons[r.row_no] = r.reason;
    return r.s;
  });
  return { registryId, version: `${registryId}.${reg.v}`, status, reasons };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const abs = (x: number): number => (x < 0 ? -x : x);

/** One row with its house, every rule's verdict, the БПТР decisions that could apply and the house's volumes. */
export async function rowDetail(sql: Sql, registryId: number, rowNo: number): Promise<RowDetail> {
  const run = await currentRun(sql, registryId);
  const [row] = await sql<{ fias_id: string | null; territory: string | null; eot: string | null; lt: string | null; status: RowStatus; decision_reason: string | null; decided_by: string | null; decided_at: string | null; st: number[] | null; rs: number[] | null; service: string; rso_inn: string; period: string }[]>`
    select rr.fias_id, rr.territory, rr.eot::text as eot, rr.lt::text as lt, rr.status, rr.decision_reason, u.full_name as decided_by,
      to_char(rr.decided_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as decided_at, rr.check_status as st, rr.check_reasons as rs,
      r.service, r.rso_inn, to_char(r.period, 'YYYY-MM') as period
    from registry_rows rr join registries r on r.id = rr.registry_id left join users u on u.id = rr.decided_by
    where rr.registry_id = ${registryId} and rr.row_no = ${rowNo}`;
  if (!row) throw new ApiError(404, 'row_not_found', `В реестре № ${registryId} нет строки ${rowNo}`);
  const periodRead = parsePeriod(row.period);
  if (!periodRead.ok) throw new Error(periodRead.message);
  const period = periodRead.value;
  const fias = (row.fias_id ?? '').toLowerCase();
  const [house] = GUID.test(fias) ? await sql<NonNullable<RowDetail['house']>[]>`
    select h.fias_id::text as "fiasId", h.address, m.name as "municipalDistrict", h.settlement, h.house_type as "houseType",
      to_char(h.commissioned, 'YYYY-MM-DD') as commissioned
    from houses h join municipalities m on m.id = h.municipality_id where h.fias_id = ${fias}::uuid` : [];

  const results: RuleResult[] = run.rule_ids.map((ruleId, k) => ({
    ruleId,
    title: run.rule_titles[k] ?? ruleId,
    status: STATUS_NAMES[(row.st?.[k] ?? 3) - 1] ?? 'skipped',
    reason: run.reasons[row.rs?.[k] ?? 0] ?? '',
  }));

  const params = ruleParams((await currentRuleSet(sql)).body);
  const district = normalizeName(row.territory ?? '');
  const settlements = new Set([normalizeName('все'), ...(house ? [normalizeName(house.settlement)] : [])]);
  const eot = row.eot === null ? null : parseScaled(row.eot, 4);
  const lt = row.lt === null ? null : parseScaled(row.lt, 4);
  const decisions = await sql<(Omit<AppliedTariff, 'matches' | 'eot' | 'lt'> & { municipal_district: string; eot4: number; lt4: number })[]>`
    select decision_id as "decisionId", tariff_kind as "tariffKind", settlement, municipal_district,
      to_char(valid_from, 'YYYY-MM-DD') as "validFrom", to_char(valid_to, 'YYYY-MM-DD') as "validTo",
      to_char(commissioned_from, 'YYYY-MM-DD') as "commissionedFrom", to_char(commissioned_to, 'YYYY-MM-DD') as "commissionedTo",
      (eot * 10000)::int8::float8 as eot4, (lt * 10000)::int8::float8 as lt4
    from tariff_decisions
    where rso_inn = ${row.rso_inn} and service = ${row.service} and valid_from <= ${period.first}::date and (valid_to is null or valid_to >= ${period.last}::date)
    order by valid_from, decision_id`;
  const tariffs: AppliedTariff[] = decisions
    .filter((t) => normalizeName(t.municipal_district) === district && settlements.has(normalizeName(t.settlement)))
    .map(({ municipal_district: _d, eot4, lt4, ...t }) => ({
      ...t,
      eot: scaledToDecimal(eot4, 4),
      lt: scaledToDecimal(lt4, 4),
      matches: !!eot?.ok && !!lt?.ok && abs(eot.value - eot4) <= params.tariffTolerance && abs(lt.value - lt4) <= params.tariffTolerance,
    }));

  const volumes = fias ? await sql<{ period: string; volume: string }[]>`
    select to_char(r.period, 'YYYY-MM') as period, sum(rr.v_living + coalesce(rr.v_odn, 0))::text as volume
    from registry_rows rr join registries r on r.id = rr.registry_id
    where rr.fias_id = ${fias} and r.service = ${row.service} and rr.v_living is not null
      and r.period between ${shiftPeriod(period, 12).first}::date and ${period.first}::date
      and (r.status <> all(${NOT_COUNTED_STATUSES}::text[]) or r.id = ${registryId})
    group by r.period order by r.period` : [];

  return {
    registryId,
    rowNo,
    status: (ROW_STATUSES as readonly string[]).includes(row.status) ? row.status : 'Требует решения',
    decisionReason: row.decision_reason,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    house: house ?? null,
    service: row.service,
    unit: services.unit(row.service),
    results,
    tariffs,
    volumes: [...volumes],
  };
}
