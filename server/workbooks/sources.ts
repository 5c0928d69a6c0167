/**
 * A workbook sheet's source read from the database, set-based: one statement per source, every source of a
 * workbook in one read-only snapshot (`readSources`). Fields are exactly `formulas/workbook/sources.ts`'s, numbers
 * as exact scaled integers. A role reads a source only when the routes would show it the same rows
 * (`SOURCE_ROLES`); otherwise the sheet gets no rows and says why.
 */
import type { Role } from '../contract/auth.ts';
import type { Fragment, Sql, Tx } from '../db/database.ts';
import { ANY_ROLE } from '../http/require-role.ts';
import { regionState, type RegionState } from '../standards/region-state.ts';
import { NOT_COUNTED_STATUSES } from '../../formulas/registry/registered.ts';
import { wireOfRows, type WireDataSet } from '../../formulas/workbook/data.ts';
import { SOURCE_FIELDS } from '../../formulas/workbook/sources.ts';
import type { BptrSource, HousesSource, RegistriesSource, RegistryRowsSource, SourceDef, SourceKind, WorkbookDef } from '../../formulas/workbook/types.ts';

type DataSourceKind = Exclude<SourceKind, 'sheet'>;

/**
 * Who may read each source: the roles of the routes that show the same rows — registry rows `GET
 * /registries/:id/rows`, registries `GET /registries`, houses `GET /standards/houses`, БПТР `GET
 * /reference/snapshot`. A role added later without a right to those routes reads nothing through a workbook.
 */
export const SOURCE_ROLES: Record<DataSourceKind, readonly Role[]> = {
  registry_rows: ANY_ROLE,
  registries: ANY_ROLE,
  houses: ANY_ROLE,
  bptr: ANY_ROLE,
};

export interface LoadedSource {
  data: WireDataSet;
  /** set when the role may not read the source: the sheet is empty and says so */
  refused?: string;
}

const monthStart = (p: string | undefined): string | null => (p ? `${p}-01` : null);
const blank = (s: string | undefined): string | null => (s && s.trim() !== '' ? s.trim() : null);

/** What both registry sources filter registries by (`g`): the months, service, РСО, district and status; empty takes all. */
function registryConditions(tx: Tx, s: Omit<RegistriesSource, 'kind'>): Fragment {
  const from = monthStart(s.from);
  const to = monthStart(s.to);
  const service = blank(s.service);
  const inn = blank(s.rso_inn);
  const district = blank(s.district);
  const status = blank(s.status);
  return tx`(${from}::date is null or g.period >= ${from}::date)
      and (${to}::date is null or g.period <= ${to}::date)
      and (${service}::text is null or g.service = ${service})
      and (${inn}::text is null or g.rso_inn = ${inn})
      and (${district}::text is null or lower(g.municipal_district) = lower(${district}))
      and (${status}::text is null or g.status = ${status})`;
}

async function registryRows(tx: Tx, s: RegistryRowsSource): Promise<Record<string, unknown>[]> {
  const from = monthStart(s.from);
  const to = monthStart(s.to);
  const failed = blank(s.failed_check);
  // volumes per house, service and month over registries that count (not cancelled or refused), from 12 months
  // before the range: the previous months, the 12-month average and the house's water (ХВС + ГВС) of the month
  return tx`
    with vol as (
      select lower(rr.fias_id) as house, g.service, g.period,
             sum(coalesce(rr.v_living, 0) + coalesce(rr.v_odn, 0)) as v
      from registry_rows rr join registries g on g.id = rr.registry_id
      where g.status <> all(${NOT_COUNTED_STATUSES as string[]}::text[]) and rr.fias_id is not null
        and (${from}::date is null or g.period >= ${from}::date - interval '12 months')
        and (${to}::date is null or g.period <= ${to}::date)
      group by 1, 2, 3
    ), hist as (
      select house, service, period,
        avg(v) over (partition by house, service order by period range between interval '12 months' preceding and interval '1 month' preceding) as avg_12m,
        sum(v) over (partition by house, service order by period range between interval '1 month' preceding and interval '1 month' preceding) as v_prev1,
        sum(v) over (partition by house, service order by period range between interval '2 months' preceding and interval '2 months' preceding) as v_prev2,
        sum(v) over (partition by house, service order by period range between interval '3 months' preceding and interval '3 months' preceding) as v_prev3
      from vol
    ), water as (
      select house, period, sum(v) as v_water from vol where service in ('ХВС', 'ГВС') group by 1, 2
    )
    select rr.registry_id::float8 as registry_id, to_char(g.period, 'YYYY-MM') as period, g.service, g.rso_inn, g.rso_name,
           g.municipal_district as district, g.status as registry_status, rr.row_no, rr.address, rr.fias_id, h.settlement,
           (rr.eot * 10000)::float8 as eot, (rr.lt * 10000)::float8 as lt,
           (rr.v_living * 10000)::float8 as v_living, (rr.v_odn * 10000)::float8 as v_odn,
           case when rr.v_living is null and rr.v_odn is null then null
                else ((coalesce(rr.v_living, 0) + coalesce(rr.v_odn, 0)) * 10000)::float8 end as v,
           rr.subsidy::float8 as subsidy, rr.expected_subsidy::float8 as expected_subsidy, rr.status as row_status,
           array_to_string(rr.failed_rules, ', ') as failed_checks,
           case when g.service = 'ВО' then round(w.v_water * 10000)::float8 end as v_water,
           round(hi.avg_12m * 10000)::float8 as avg_12m, round(hi.v_prev1 * 10000)::float8 as v_prev1,
           round(hi.v_prev2 * 10000)::float8 as v_prev2, round(hi.v_prev3 * 10000)::float8 as v_prev3
    from registry_rows rr
    join registries g on g.id = rr.registry_id
    left join houses h on h.fias_id::text = lower(rr.fias_id)
    left join hist hi on hi.house = lower(rr.fias_id) and hi.service = g.service and hi.period = g.period
    left join water w on w.house = lower(rr.fias_id) and w.period = g.period
    where ${registryConditions(tx, s)}
      and (${failed}::text is null or ${failed} = any(rr.failed_rules))
    order by g.period, rr.registry_id, rr.row_no`;
}

async function registries(tx: Tx, s: RegistriesSource): Promise<Record<string, unknown>[]> {
  return tx`
    select g.id::float8 as registry_id, to_char(g.period, 'YYYY-MM') as period, g.service, g.rso_inn, g.rso_name,
           g.municipal_district as district, g.status, case when g.is_correction then 'да' else 'нет' end as is_correction,
           to_char(g.registered_at at time zone 'Asia/Yekaterinburg', 'YYYY-MM-DD') as registered_at,
           g.declared_sum::float8 as declared_sum, g.agreed_sum::float8 as agreed_sum, g.rejected_sum::float8 as rejected_sum,
           g.rows_total, g.rows_failed
    from registries g
    where ${registryConditions(tx, s)}
    order by g.period, g.id`;
}

async function bptr(tx: Tx, s: BptrSource): Promise<Record<string, unknown>[]> {
  const service = blank(s.service);
  const inn = blank(s.rso_inn);
  const district = blank(s.district);
  const on = blank(s.valid_on);
  return tx`
    select decision_id, rso_inn, service, municipal_district as district, settlement,
           to_char(valid_from, 'YYYY-MM-DD') as valid_from, to_char(valid_to, 'YYYY-MM-DD') as valid_to,
           to_char(commissioned_from, 'YYYY-MM-DD') as commissioned_from, to_char(commissioned_to, 'YYYY-MM-DD') as commissioned_to,
           tariff_kind, (eot * 10000)::float8 as eot, (lt * 10000)::float8 as lt
    from tariff_decisions
    where (${service}::text is null or service = ${service})
      and (${inn}::text is null or rso_inn = ${inn})
      and (${district}::text is null or lower(municipal_district) = lower(${district}))
      and (${on}::date is null or (valid_from <= ${on}::date and (valid_to is null or valid_to >= ${on}::date)))
    order by decision_id, municipal_district, settlement, valid_from`;
}

const sameName = (a: string, b: string): boolean => a.trim().toLowerCase().replaceAll('ё', 'е') === b.trim().toLowerCase().replaceAll('ё', 'е');

/**
 * Houses with their services (one row per service line; a house without services one row), their group and the
 * group's standard, from the region state the house registry shows (the same houses, groups and standards).
 */
function houses(state: RegionState, s: HousesSource): Record<string, unknown>[] {
  const district = blank(s.district);
  const service = blank(s.service);
  const out: Record<string, unknown>[] = [];
  for (const h of state.houses) {
    if (district && !sameName(h.municipal_district, district)) continue;
    const groupId = state.set.houses.get(h.fias_id) ?? null;
    const group = groupId ? state.groups.get(groupId) : undefined;
    const base = {
      fias_id: h.fias_id, address: h.address, district: h.municipal_district, settlement: h.settlement, house_type: h.house_type,
      heating_type: h.heating_type, area: h.area, residents: h.residents, commissioned: h.commissioned, group_id: groupId,
      standard: group?.standards?.tenant['1'].heating ?? null,
    };
    const lines = (state.services.get(h.fias_id) ?? []).filter((x) => !service || sameName(x.service, service));
    if (lines.length === 0 && !service) out.push(base);
    for (const x of lines) out.push({ ...base, service: x.service, tariff: x.tariff, norm: x.norm, norm_unit: x.norm_unit, heating_only: x.heating_only, decision_id: x.decision_id });
  }
  return out;
}

/**
 * Reads the sources of every sheet of `def` that reads the database (not another sheet), by sheet id: registry
 * rows, registries and БПТР in one repeatable-read, read-only transaction; houses from the region state.
 */
export async function readSources(sql: Sql, def: WorkbookDef, role: Role, rights: Record<DataSourceKind, readonly Role[]> = SOURCE_ROLES): Promise<Map<string, LoadedSource>> {
  const wanted = def.sheets.filter((s): s is typeof s & { source: Exclude<SourceDef, { kind: 'sheet' }> } => s.source.kind !== 'sheet');
  const out = new Map<string, LoadedSource>();
  const allowed = (k: DataSourceKind) => rights[k].includes(role);
  for (const s of wanted) {
    if (!allowed(s.source.kind)) out.set(s.id, { data: wireOfRows(SOURCE_FIELDS[s.source.kind], []), refused: `Недостаточно прав для источника «${s.source.kind}»: лист пуст` });
  }
  const state = wanted.some((s) => s.source.kind === 'houses' && allowed('houses')) ? await regionState(sql) : null;
  await sql.begin('isolation level repeatable read read only', async (tx) => {
    for (const s of wanted) {
      if (out.has(s.id)) continue;
      const src = s.source;
      const rows =
        src.kind === 'registry_rows' ? await registryRows(tx, src)
        : src.kind === 'registries' ? await registries(tx, src)
        : src.kind === 'bptr' ? await bptr(tx, src)
        : houses(state as RegionState, src);
      out.set(s.id, { data: wireOfRows(SOURCE_FIELDS[src.kind], rows) });
    }
  });
  return out;
}
