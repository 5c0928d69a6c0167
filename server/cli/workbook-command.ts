import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../contract/auth.ts';
import type { Sql } from '../db/database.ts';
import { runWorkbook } from '../workbooks/run.ts';
import { readWorkbook } from '../../formulas/workbook/schema.ts';

export const WORKBOOK_USAGE = `sverka workbook run ФАЙЛ --json ВЫХОД [--role РОЛЬ] [--today ГГГГ-ММ-ДД]

  Вычисляет рабочую книгу (JSON-описание, как templates/workbooks/*.json) по базе: источники читаются одним
  снимком, формулы — как в рабочем месте. Результат — JSON { "title", "sheets": [{ "id", "title", "problems",
  "fields", "rowCount", "rows", "pivot"?: { "groupBy", "values", "groups": [{ "keys", "values", "rows" }], "total" } }] }:
  суммы в рублях (числа), объёмы и тарифы — числа, даты — серийные номера Excel в полях типа date.
  --role: права какой роли применить к источникам (по умолчанию admin); --today: дата для СЕГОДНЯ().
  Код выхода 0 — книга вычислена (ошибки формул — в "problems" листов), 2 — файл не прочитан.`;

export async function workbookCommand(args: string[], withDatabase: <T>(fn: (sql: Sql) => Promise<T>) => Promise<T>): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'run') {
    console.error(`Неизвестная подкоманда «${sub ?? ''}»\n\n${WORKBOOK_USAGE}`);
    return 2;
  }
  let parsed: { values: { json?: string; role?: string; today?: string }; positionals: string[] };
  try {
    parsed = parseArgs({ args: rest, allowPositionals: true, options: { json: { type: 'string' }, role: { type: 'string' }, today: { type: 'string' } } });
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n\n${WORKBOOK_USAGE}`);
    return 2;
  }
  const [file] = parsed.positionals;
  const { json: out, role = 'admin', today } = parsed.values;
  if (!file || !out) {
    console.error(`Не хватает параметров.\n\n${WORKBOOK_USAGE}`);
    return 2;
  }
  if (!(ROLES as readonly string[]).includes(role)) {
    console.error(`Неизвестная роль «${role}»: ${ROLES.join(', ')}`);
    return 2;
  }
  if (today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(today)) {
    console.error(`--today: дата пишется ГГГГ-ММ-ДД, а не «${today}»`);
    return 2;
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    console.error(`${file}: не прочитан: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  const def = readWorkbook(json, file);
  if (!def.ok) {
    console.error(def.message);
    return 2;
  }
  const run = await withDatabase((sql) => runWorkbook(sql, def.value, role as Role, today ? { today } : {}));
  writeFileSync(out, `${JSON.stringify(run, null, 1)}\n`);
  for (const s of run.sheets) {
    console.log(`${s.title}: строк ${s.rowCount}${s.pivot ? `, групп в сводной ${s.pivot.groups.length}` : ''}${s.problems.length ? `, ошибок ${s.problems.length}` : ''}${s.refused ? ` (${s.refused})` : ''}`);
    for (const p of s.problems) console.log(`  ${p.message}`);
  }
  return 0;
}
