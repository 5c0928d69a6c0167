import ExcelJS from 'exceljs';
import { REGISTRY_COLUMNS } from '../../formulas/registry/columns.ts';
import { parsePeriod, periodTitle, shiftPeriod, type Period } from '../../formulas/registry/period.ts';
import { serviceDictionary } from '../../formulas/registry/services.ts';
import { registrySpec, serviceSpecs } from '../../templates/index.ts';
import type { Sql } from '../db/database.ts';
import { ApiError } from '../http/errors.ts';

const services = serviceDictionary(serviceSpecs);

interface TemplateRow {
  fias_id: string;
  address: string;
  district: string;
  commissioned: string | null;
  decision_id: string | null;
  tariff_kind: string | null;
  eot: string | null;
  lt: string | null;
  commissioned_from: string | null;
  commissioned_to: string | null;
}

const ruDate = (iso: string | null): string => (iso ? `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}` : '--');
const title = (key: string): string => registrySpec.columns.find((c) => c.key === key)?.title ?? key;
const letter = (key: string): string => String.fromCharCode(65 + REGISTRY_COLUMNS.findIndex((c) => c.sql === key));

/**
 * «Скачать шаблон реестра»: the unified template (.xlsx) of an РСО for a service and period, built from the
 * tariff menu. Rows: the houses the РСО claimed for the service last period (not refused, not cancelled), or when
 * it claimed none, the houses `house_services` ties to its БПТР decisions. Each row carries the house's address,
 * district and commissioning date, and from the БПТР decision that applies (district, settlement or «все»,
 * commissioning range, valid for the whole month) its tariff kind, ЭОТ, ЛТ and the differentiation attribute.
 * Only the volumes are left to fill; the subsidy is the formula (ЭОТ − ЛТ) × (V жилые + V ОДН), rounded to
 * kopecks. A house no decision covers keeps empty tariffs: check 4/5 will say so.
 */
export async function registryTemplate(sql: Sql, inn: string, serviceName: string, periodKey: string): Promise<{ fileName: string; content: Buffer; rows: number }> {
  const code = services.resolve(serviceName);
  if (!code) throw new ApiError(400, 'bad_service', `Неизвестная услуга «${serviceName}»`);
  const read = parsePeriod(periodKey);
  if (!read.ok) throw new ApiError(400, 'bad_period', `Период: ${read.message}`);
  const period: Period = read.value;
  const [org] = await sql<{ name: string }[]>`select name from organisations where inn = ${inn}`;
  if (!org) throw new ApiError(404, 'organisation_not_found', `Организации с ИНН ${inn} нет в справочнике`);
  const previous = shiftPeriod(period, 1);

  const claimed = await sql<{ fias_id: string }[]>`
    select distinct lower(rr.fias_id) as fias_id from registry_rows rr join registries r on r.id = rr.registry_id
    where r.rso_inn = ${inn} and r.service = ${code} and r.period = ${previous.first}::date
      and r.status not in ('Отменен', 'Отказано в регистрации') and rr.fias_id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'`;
  const fias = claimed.length > 0
    ? claimed.map((c) => c.fias_id)
    : (await sql<{ fias_id: string }[]>`select distinct hs.fias_id::text as fias_id from house_services hs
        where hs.decision_id in (select decision_id from tariff_decisions where rso_inn = ${inn} and service = ${code})`).map((c) => c.fias_id);

  const rows = fias.length === 0 ? [] : await sql<TemplateRow[]>`
    select h.fias_id::text as fias_id, h.address, m.name as district, to_char(h.commissioned, 'YYYY-MM-DD') as commissioned,
      td.decision_id, td.tariff_kind, td.eot::text as eot, td.lt::text as lt,
      to_char(td.commissioned_from, 'YYYY-MM-DD') as commissioned_from, to_char(td.commissioned_to, 'YYYY-MM-DD') as commissioned_to
    from houses h join municipalities m on m.id = h.municipality_id
    left join lateral (
      select * from tariff_decisions t
      where t.rso_inn = ${inn} and t.service = ${code} and lower(t.municipal_district) = lower(m.name)
        and (lower(t.settlement) = lower(h.settlement) or lower(t.settlement) = 'все')
        and t.valid_from <= ${period.first}::date and (t.valid_to is null or t.valid_to >= ${period.last}::date)
        and (h.commissioned is null or ((t.commissioned_from is null or t.commissioned_from <= h.commissioned) and (t.commissioned_to is null or t.commissioned_to >= h.commissioned)))
      -- a settlement's own decision before the district-wide one, the newest first
      order by (lower(t.settlement) = 'все'), t.valid_from desc, t.id desc limit 1
    ) td on true
    where h.fias_id = any(${fias}::uuid[])
    order by h.address, h.fias_id`;

  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Реестр');
  const meta: [string, string][] = [
    ['Наименование РСО', org.name],
    ['ИНН РСО', inn],
    ['Услуга', services.title(code)],
    ['Отчетный период', periodTitle(period)],
    ['Исх. № письма РСО', ''],
    ['Дата письма РСО', ''],
  ];
  for (const m of meta) sheet.addRow(m);
  sheet.addRow([]);
  const header = sheet.addRow(REGISTRY_COLUMNS.map((c) => title(c.sql)));
  header.font = { bold: true };
  const first = meta.length + 3;
  rows.forEach((r, k) => {
    const line = first + k;
    const values: Record<string, ExcelJS.CellValue> = {
      n: k + 1,
      address: r.address,
      fias_id: r.fias_id,
      diff_attr: r.decision_id ? `с ${ruDate(r.commissioned_from)} по ${ruDate(r.commissioned_to)}` : '',
      territory: r.district,
      supply_system: '',
      commissioned: r.commissioned ? ruDate(r.commissioned) : '',
      tariff_kind: r.tariff_kind ?? '',
      eot: r.eot === null ? null : Number(r.eot),
      lt: r.lt === null ? null : Number(r.lt),
      v_living: null,
      v_odn: null,
      subsidy: { formula: `ROUND((${letter('eot')}${line}-${letter('lt')}${line})*(${letter('v_living')}${line}+${letter('v_odn')}${line}),2)`, date1904: false } as ExcelJS.CellFormulaValue,
    };
    sheet.addRow(REGISTRY_COLUMNS.map((c) => values[c.sql] ?? null));
  });
  sheet.columns.forEach((col, k) => {
    col.width = [6, 40, 38, 26, 30, 14, 14, 16, 12, 12, 14, 12, 16][k] ?? 14;
  });
  const content = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: `Шаблон реестра ${code} ${periodTitle(period)}.xlsx`, content, rows: rows.length };
}
