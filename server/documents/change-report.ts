/**
 * Reading a stored «Изменения характеристик домов» report: one page under the filters (district, field, only houses
 * whose group changed), and the whole filtered report as an .xlsx sheet.
 */
import { promisify } from 'node:util';
import { gunzip as gunzipCallback } from 'node:zlib';
import ExcelJS from 'exceljs';
import { CHANGE_FIELDS } from '../../formulas/standards/house-changes.ts';
import type { StandardGroup } from '../../formulas/standards/types.ts';
import { normalizeName } from '../../formulas/table/normalize.ts';
import type { Sql } from '../db/database.ts';
import { dateText } from './format.ts';
import { freezeAndFilter, printLandscape, styleHeader } from '../../formulas/table/xlsx-look.ts';
import { ApiError } from '../http/errors.ts';
import type { ChangeReportBatch, ChangeReportPage, ChangeReportSummary, HouseChangeRow } from '../contract/reference.ts';
import type { StoredChangeReport } from '../reference/house-changes.ts';

const gunzip = promisify(gunzipCallback);

export interface ChangeReportFilter {
  /** Part of the district's name, compared as the checks compare names. */
  district?: string | undefined;
  /** `houses.area`, `gis_houses.residents`…: houses where that field changed. */
  field?: string | undefined;
  /** Only houses that moved to another standards group. */
  groupChanged?: boolean | undefined;
}

const FIELD_TITLES = new Map(CHANGE_FIELDS.map((f) => [`${f.source}.${f.field}`, f.title]));
export const fieldTitle = (source: string, field: string): string => FIELD_TITLES.get(`${source}.${field}`) ?? `${source}.${field}`;

interface Loaded {
  batch: ChangeReportBatch;
  summary: ChangeReportSummary;
  report: StoredChangeReport;
}

// the last report opened, parsed: paging through one report does not unzip it for every page
const cache = new WeakMap<Sql, { id: number; loaded: Promise<Loaded> }>();

async function load(sql: Sql, batchId: number): Promise<Loaded> {
  const hit = cache.get(sql);
  if (hit?.id === batchId) return hit.loaded;
  const loaded = (async () => {
    const [row] = await sql<(ChangeReportBatch & { summary: ChangeReportSummary; report: Uint8Array })[]>`
      select b.id::int as id, c.kind, b.file_name, to_char(b.imported_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as imported_at,
        u.full_name as actor, b.rows, c.previous_rows, c.summary, c.report
      from house_data_changes c join import_batches b on b.id = c.batch_id left join users u on u.id = b.actor_id
      where c.batch_id = ${batchId}`;
    if (!row) throw new ApiError(404, 'no_change_report', `У загрузки № ${batchId} нет отчета об изменениях: это не дома и не выгрузка ГИС ЖКХ, или первая загрузка`);
    const { summary, report, ...batch } = row;
    return { batch, summary, report: JSON.parse((await gunzip(report)).toString('utf8')) as StoredChangeReport };
  })();
  cache.set(sql, { id: batchId, loaded });
  loaded.catch(() => cache.delete(sql));
  return loaded;
}

function filtered(report: StoredChangeReport, f: ChangeReportFilter): HouseChangeRow[] {
  const district = f.district ? normalizeName(f.district) : '';
  const [source, field] = f.field ? f.field.split('.') : [];
  return report.houses.filter((h) =>
    (!district || normalizeName(h.municipal_district).includes(district))
    && (!f.field || h.changes.some((c) => c.source === source && c.field === field))
    && (!f.groupChanged || h.group_changed));
}

export async function changeReportPage(sql: Sql, batchId: number, f: ChangeReportFilter, offset: number, limit: number): Promise<ChangeReportPage> {
  const { batch, summary, report } = await load(sql, batchId);
  const all = filtered(report, f);
  const rows = all.slice(offset, offset + limit);
  const groups: Record<string, StandardGroup> = {};
  for (const r of rows) {
    for (const id of [r.group_before, r.group_after]) {
      const g = id && r.group_changed ? report.groups[id] : undefined;
      if (id && g) groups[id] = g;
    }
  }
  const fields = new Set(report.houses.flatMap((h) => h.changes.map((c) => `${c.source}.${c.field}`)));
  return {
    batch,
    summary,
    fields: CHANGE_FIELDS.map((x) => `${x.source}.${x.field}`).filter((k) => fields.has(k)).map((key) => ({ key, title: FIELD_TITLES.get(key) ?? key })),
    districts: [...new Set(report.houses.map((h) => h.municipal_district).filter((d) => d !== ''))].sort((a, b) => a.localeCompare(b, 'ru')),
    total: all.length,
    rows,
    groups,
  };
}

const STATUS = { passed: 'пройдена', failed: 'не пройдена', skipped: 'не проверялась' } as const;
const rub = (k: number): string => `${Math.trunc(k / 100).toLocaleString('ru-RU').replace(/\u00a0/g, ' ')},${String(Math.abs(k) % 100).padStart(2, '0')}`;

/** A group as one cell: what makes it one, and the owner's standard for one person (the figure people compare first). */
export function groupText(g: StandardGroup | undefined): string {
  if (!g) return '—';
  const k = g.key;
  const place = `${k.municipal_district}, ${k.settlement === 'все' ? 'все МО' : k.settlement}, ${k.house_type}, ${k.heating_type}`;
  const s = g.standards?.owner['1'];
  return s ? `${place}; собственник, 1 чел.: ${rub(s.heating)} / ${rub(s.non_heating)} руб.` : `${place}; стандарт не рассчитан${g.reason ? `: ${g.reason}` : ''}`;
}

/** The filtered report as one sheet: a row per changed field, added or removed house, group move and check moved. */
export async function changeReportWorkbook(sql: Sql, batchId: number, f: ChangeReportFilter): Promise<Buffer> {
  const { batch, summary, report } = await load(sql, batchId);
  const rows = filtered(report, f);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Сверка';
  const ws = wb.addWorksheet('Изменения домов');
  const widths = [38, 44, 26, 28, 44, 44];
  ws.columns = widths.map((width) => ({ width }));
  ws.addRow(['Изменения характеристик домов']).font = { bold: true, size: 14 };
  ws.addRow([`Загрузка № ${batch.id} от ${dateText(batch.imported_at.slice(0, 10))}: ${batch.kind === 'houses' ? 'реестр домов' : 'выгрузка ГИС ЖКХ'}, файл «${batch.file_name}»`]);
  ws.addRow([`Домов с изменениями ${summary.houses_changed}, добавлено ${summary.added}, удалено ${summary.removed}, сменили группу ${summary.groups_changed}, изменился результат проверок ${summary.checks_changed}`]);
  const filters = [
    f.district ? `район: ${f.district}` : null,
    f.field ? `поле: ${FIELD_TITLES.get(f.field) ?? f.field}` : null,
    f.groupChanged ? 'только дома, сменившие группу' : null,
  ].filter((x): x is string => x !== null);
  ws.addRow([filters.length ? `Отбор: ${filters.join('; ')}` : 'Отбор: все дома отчета']);
  ws.addRow([]);
  const header = ws.addRow(['Код дома по ФИАС', 'Адрес', 'Муниципальный район', 'Что изменилось', 'Было', 'Стало']);
  styleHeader(header);
  for (const h of rows) {
    const line = (what: string, before: string | null, after: string | null) => {
      const cells = [h.fias_id, h.address, h.municipal_district, what, before ?? '—', after ?? '—'];
      const r = ws.addRow(cells);
      r.alignment = { wrapText: true, vertical: 'top' };
      // a spreadsheet program sizes wrapped rows itself; a printed or converted sheet needs the height written
      r.height = 15 * Math.max(1, ...cells.map((c, k) => Math.ceil(c.length / ((widths[k] ?? 20) * 1.05))));
    };
    if (h.added) line('Дом добавлен', null, 'есть в новой версии');
    if (h.removed) line('Дом удален', 'был в прежней версии', null);
    for (const c of h.changes) line(fieldTitle(c.source, c.field), c.before, c.after);
    if (h.group_changed) line('Группа стандартов', groupText(h.group_before ? report.groups[h.group_before] : undefined), groupText(h.group_after ? report.groups[h.group_after] : undefined));
    for (const c of h.checks) line(`Проверка: ${c.title}`, `${STATUS[c.before.status]}${c.before.reason ? `: ${c.before.reason}` : ''}`, `${STATUS[c.after.status]}${c.after.reason ? `: ${c.after.reason}` : ''}`);
  }
  freezeAndFilter(ws, header, 6, ws.rowCount);
  printLandscape(ws, header);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
