/**
 * A sheet evaluated: its formula columns compiled once and run over every source row (the row evaluator of
 * `formula/`, exact decimals), then its filters and sorts. Another sheet's result is a source like any other.
 * Problems are values with the place they are in (a formula's with its position), nothing throws.
 */
import { compileRowFormula, fieldKey, type EvalContext, type Reader } from '../formula/row-formula.ts';
import { BLANK, compare, FormulaError, numberOfText, toText, type Value } from '../formula/values.ts';
import { readersOf, type DataSet, type Field } from './data.ts';
import { SOURCE_FIELDS } from './sources.ts';
import type { FilterDef, SheetDef, SortDef, WorkbookDef } from './types.ts';
import { MAX_GROUP_BY } from './types.ts';

export interface SheetProblem {
  /** what the problem is in: a formula column, a filter, a sort, the pivot, the source */
  part: 'formula' | 'filter' | 'sort' | 'pivot' | 'source' | 'columns';
  /** index within that part */
  index: number;
  /** 1-based position in the formula as typed (formulas only) */
  position?: number;
  message: string;
}

export interface SheetResult {
  id: string;
  /** the columns shown: picked source fields, then formula columns */
  fields: Field[];
  /** every field of the source and every formula column, over source row indices */
  read: Map<string, Reader>;
  /** all fields the sheet knows (source + formula), for menus */
  known: Field[];
  /** source row indices after filters and sorts, in display order */
  rows: Int32Array;
  /** rows of the source */
  sourceCount: number;
  problems: SheetProblem[];
}

/** Fields a formula of the sheet may name: the source's, then earlier formula columns. */
export function sourceFields(sheet: SheetDef, others: ReadonlyMap<string, readonly Field[]>): readonly Field[] | null {
  if (sheet.source.kind === 'sheet') return others.get(sheet.source.sheet) ?? null;
  return SOURCE_FIELDS[sheet.source.kind];
}

/** Checks one formula as typed against the fields it may name: null or the problem with its position. */
export function checkFormula(text: string, fields: readonly string[]): { position: number; message: string } | null {
  const c = compileRowFormula(text, fields, { prefer: 'ru' });
  if (c.ok) return null;
  return c.problem;
}

/** Evaluates one sheet over its source data. */
export function evaluateSheet(sheet: SheetDef, data: DataSet, ctx: EvalContext): SheetResult {
  const problems: SheetProblem[] = [];
  const read = readersOf(data);
  const known: Field[] = [...data.fields];
  const names = () => known.map((f) => f.name);
  sheet.formulas.forEach((fc, index) => {
    const name = fc.name.trim();
    if (!/^[\p{L}_][\p{L}\p{N}_]*$/u.test(name)) {
      problems.push({ part: 'formula', index, message: `имя столбца «${fc.name}»: буквы, цифры и «_», начиная с буквы` });
      return;
    }
    if (known.some((f) => fieldKey(f.name) === fieldKey(name))) {
      problems.push({ part: 'formula', index, message: `столбец [${name}] уже есть` });
      return;
    }
    const c = compileRowFormula(fc.formula, names(), { prefer: 'ru' });
    if (!c.ok) {
      problems.push({ part: 'formula', index, position: c.problem.position, message: `[${name}]: позиция ${c.problem.position}: ${c.problem.message}` });
      return;
    }
    const bound = c.formula.bind(c.formula.fields.map((f) => read.get(f) ?? (() => BLANK)), ctx);
    const values = new Array<Value>(data.count);
    for (let i = 0; i < data.count; i++) values[i] = bound(i);
    read.set(name, (row) => values[row] ?? BLANK);
    known.push({ name, title: fc.title?.trim() || name, type: 'value' });
  });
  const byKey = new Map(known.map((f) => [fieldKey(f.name), f]));
  const resolve = (name: string): Field | undefined => byKey.get(fieldKey(name));

  let rows: Int32Array = new Int32Array(data.count);
  for (let i = 0; i < data.count; i++) rows[i] = i;
  sheet.filters.forEach((f, index) => {
    const field = resolve(f.field);
    if (!field) {
      problems.push({ part: 'filter', index, message: `фильтр: неизвестное поле [${f.field}]` });
      return;
    }
    const test = filterTest(f, field);
    if (typeof test === 'string') {
      problems.push({ part: 'filter', index, message: test });
      return;
    }
    const r = read.get(field.name) as Reader;
    rows = rows.filter((i) => test(r(i)));
  });

  const sorts: { read: Reader; desc: boolean }[] = [];
  sheet.sorts.forEach((s: SortDef, index) => {
    const field = resolve(s.field);
    if (!field) problems.push({ part: 'sort', index, message: `сортировка: неизвестное поле [${s.field}]` });
    else sorts.push({ read: read.get(field.name) as Reader, desc: s.desc === true });
  });
  if (sorts.length > 0) rows = sortRows(rows, sorts);

  const shown: Field[] = [];
  if (sheet.columns.length === 0) shown.push(...data.fields);
  else {
    sheet.columns.forEach((c, index) => {
      const f = data.fields.find((x) => fieldKey(x.name) === fieldKey(c));
      if (f) shown.push(f);
      else problems.push({ part: 'columns', index, message: `столбец: в источнике нет поля [${c}]` });
    });
  }
  shown.push(...known.slice(data.fields.length));
  if (sheet.pivot) {
    if (sheet.pivot.groupBy.length > MAX_GROUP_BY) problems.push({ part: 'pivot', index: 0, message: `сводная группирует не более чем по ${MAX_GROUP_BY} полям` });
    sheet.pivot.groupBy.forEach((g, index) => {
      if (!resolve(g)) problems.push({ part: 'pivot', index, message: `сводная: неизвестное поле [${g}]` });
    });
    sheet.pivot.values.forEach((v, index) => {
      if (!resolve(v.field)) problems.push({ part: 'pivot', index, message: `сводная: неизвестное поле [${v.field}]` });
    });
  }
  return { id: sheet.id, fields: shown, read, known, rows, sourceCount: data.count, problems };
}

const isBlank = (v: Value): boolean => v === BLANK || v === '';

/** A filter as a test of one value, or its problem. */
function filterTest(f: FilterDef, field: Field): ((v: Value) => boolean) | string {
  if (f.op === 'empty') return isBlank;
  if (f.op === 'not_empty') return (v) => !isBlank(v) && !(v instanceof FormulaError);
  if (f.value === undefined || f.value === '') return `фильтр по [${field.name}]: не указано значение`;
  if (f.op === 'contains') {
    const needle = String(f.value).toLowerCase().replaceAll('ё', 'е');
    return (v) => {
      const t = toText(v);
      return typeof t === 'string' && t.toLowerCase().replaceAll('ё', 'е').includes(needle);
    };
  }
  let target: Value = f.value;
  if (typeof f.value === 'string' && field.type !== 'text') {
    const n = numberOfText(f.value);
    const word = f.value.trim().toUpperCase();
    if (n !== null) target = n;
    else if (field.type === 'value' && (word === 'ИСТИНА' || word === 'TRUE')) target = true;
    else if (field.type === 'value' && (word === 'ЛОЖЬ' || word === 'FALSE')) target = false;
    else if (field.type === 'number' || field.type === 'date') return `фильтр по [${field.name}]: «${f.value}» — не число`;
  }
  const op = f.op;
  return (v) => {
    if (v instanceof FormulaError || (isBlank(v) && op !== '<>' && op !== '=')) return false;
    const c = compare(v, target);
    if (c instanceof FormulaError) return false;
    switch (op) {
      case '=': return c === 0;
      case '<>': return c !== 0;
      case '>': return c > 0;
      case '>=': return c >= 0;
      case '<': return c < 0;
      default: return c <= 0;
    }
  };
}

/** Blanks and errors after values whichever the direction; ties keep the source order. */
function sortRows(rows: Int32Array, sorts: readonly { read: Reader; desc: boolean }[]): Int32Array {
  const keys = sorts.map((s) => {
    const k = new Array<Value>(rows.length);
    for (let j = 0; j < rows.length; j++) k[j] = s.read(rows[j] as number);
    return k;
  });
  const order = Array.from({ length: rows.length }, (_, j) => j);
  order.sort((a, b) => {
    for (let s = 0; s < sorts.length; s++) {
      const x = (keys[s] as Value[])[a] as Value;
      const y = (keys[s] as Value[])[b] as Value;
      const xl = isBlank(x) || x instanceof FormulaError;
      const yl = isBlank(y) || y instanceof FormulaError;
      if (xl || yl) {
        if (xl && yl) continue;
        return xl ? 1 : -1;
      }
      const c = compare(x, y);
      if (typeof c === 'number' && c !== 0) return (sorts[s] as { desc: boolean }).desc ? -c : c;
    }
    return a - b;
  });
  return Int32Array.from(order, (j) => rows[j] as number);
}

/** A sheet's result as the source of another sheet: its shown columns over its rows. */
export function resultAsData(r: SheetResult): DataSet {
  const columns: DataSet['columns'] = {};
  for (const f of r.fields) {
    const read = r.read.get(f.name) as Reader;
    const rows = r.rows;
    columns[f.name] = { kind: 'value', read: (i) => read(rows[i] as number) };
  }
  return { fields: r.fields.map((f) => ({ ...f, type: 'value' as const, scale: undefined })), columns, count: r.rows.length };
}

export interface WorkbookResult {
  sheets: Map<string, SheetResult>;
  /** problems of the workbook itself (a sheet whose source is missing or a cycle), by sheet id */
  problems: Map<string, SheetProblem[]>;
}

/**
 * Evaluates every sheet: `data` holds the loaded source of each sheet whose source is not another sheet. Sheets
 * that read another sheet wait for it; a cycle or a missing sheet is a problem of the sheets in it.
 */
export function evaluateWorkbook(def: WorkbookDef, data: ReadonlyMap<string, DataSet>, ctx: EvalContext): WorkbookResult {
  const sheets = new Map<string, SheetResult>();
  const problems = new Map<string, SheetProblem[]>();
  const byId = new Map(def.sheets.map((s) => [s.id, s]));
  const visiting = new Set<string>();
  const run = (id: string): SheetResult | null => {
    const done = sheets.get(id);
    if (done) return done;
    const sheet = byId.get(id);
    if (!sheet || problems.has(id)) return null;
    let source: DataSet | undefined;
    if (sheet.source.kind === 'sheet') {
      const from = sheet.source.sheet;
      if (visiting.has(id)) {
        problems.set(id, [{ part: 'source', index: 0, message: `лист «${sheet.title}» ссылается сам на себя через другие листы` }]);
        return null;
      }
      if (!byId.has(from)) {
        problems.set(id, [{ part: 'source', index: 0, message: `лист «${sheet.title}»: нет листа-источника «${from}»` }]);
        return null;
      }
      visiting.add(id);
      const upstream = run(from);
      visiting.delete(id);
      if (!upstream) {
        if (!problems.has(id)) problems.set(id, [{ part: 'source', index: 0, message: `лист «${sheet.title}»: лист-источник не вычислен` }]);
        return null;
      }
      source = resultAsData(upstream);
    } else source = data.get(id);
    if (!source) {
      problems.set(id, [{ part: 'source', index: 0, message: `лист «${sheet.title}»: данные источника не загружены` }]);
      return null;
    }
    const r = evaluateSheet(sheet, source, ctx);
    sheets.set(id, r);
    return r;
  };
  for (const s of def.sheets) run(s.id);
  return { sheets, problems };
}

/** A value as the grid and JSON show it: numbers as numbers, errors by their Russian name, blank as null. */
export function plainValue(v: Value): number | string | boolean | null {
  if (v instanceof FormulaError) return v.name('ru');
  if (v === BLANK) return null;
  return v as number | string | boolean;
}
