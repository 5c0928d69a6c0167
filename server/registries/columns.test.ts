import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRegistry } from '../../formulas/checks/check-registry.ts';
import { CUSTOM_RULE_FIELDS } from '../../formulas/checks/custom-rules.ts';
import { buildHistoryIndex } from '../../formulas/checks/history-index.ts';
import { buildReferenceIndex } from '../../formulas/checks/reference-index.ts';
import { house, organisation, PARAMS, tariff } from '../../formulas/checks/testing.ts';
import { REGISTRY_COLUMNS, type ColumnKind } from '../../formulas/registry/columns.ts';
import { readRegistry } from '../../formulas/registry/read-registry.ts';
import { serviceDictionary } from '../../formulas/registry/services.ts';
import { emptyRegistryRows } from '../../formulas/registry/types.ts';
import { readGridFile } from '../../formulas/table/read-file.ts';
import { registrySpec, serviceSpecs } from '../../templates/index.ts';
import type { Database } from '../db/database.ts';
import { openMigrated, testDatabases } from '../testing/databases.ts';
import { ROWS_PAYLOAD_FORMAT, rowsPayloadOf } from './rows-payload.ts';
import { storedRows } from './store-rows.ts';

const G = 'be70d352-9dfa-4a00-a579-43df0a1cc0e2';
const sqlNames: string[] = REGISTRY_COLUMNS.map((c) => c.sql);

/** A registry with every column of the template filled, headed by the template's titles. */
const CSV = [
  'Наименование РСО;МУП «Вода»',
  'ИНН РСО;7203000016',
  'Услуга;Холодное водоснабжение',
  'Отчетный период;август 2026',
  '',
  registrySpec.columns.map((c) => c.title).join(';'),
  `1;с. Абатское, ул. Ленина, д. 1;${G.toUpperCase()};с -- по --;Абатский муниципальный район;центральная;01.01.1986;Однотарифный;48,80;41,73;10,00;0,5000;74,24`,
].join('\n');

async function readAll() {
  const grid = await readGridFile('все-столбцы.csv', new TextEncoder().encode(CSV));
  if (!grid.ok) throw new Error(grid.message);
  const read = readRegistry(grid.value, registrySpec, serviceDictionary(serviceSpecs), 'все-столбцы.csv');
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return read;
}

describe('the registry row’s columns, declared once in formulas/registry/columns.ts', () => {
  it('are the unified template’s table: its keys and Russian titles in its order, «№ п/п» its one integer column', () => {
    expect(registrySpec.columns.map((c) => c.key)).toEqual(sqlNames);
    expect(registrySpec.columns.map((c) => c.title)).toEqual(REGISTRY_COLUMNS.map((c) => c.title));
    expect(registrySpec.columns.filter((c) => c.type.kind === 'integer').map((c) => c.key)).toEqual(REGISTRY_COLUMNS.filter((c) => c.kind === 'integer').map((c) => c.sql));
  });

  it('are the fields a low-code rule may name, with the expected subsidy of check 8', () => {
    expect([...CUSTOM_RULE_FIELDS].sort()).toEqual([...sqlNames, 'expected_subsidy'].sort());
  });

  it('are what the reader fills and the check engine reads, what is stored and what the rows payload sends: no more, no less', async () => {
    const read = await readAll();
    expect(read.problems).toEqual([]);
    const keys = REGISTRY_COLUMNS.map((c) => c.key);
    expect(Object.keys(read.rows).sort()).toEqual(['count', 'fileRow', ...keys].sort());
    expect(Object.keys(emptyRegistryRows(0)).sort()).toEqual(['count', 'fileRow', ...keys].sort());
    // every column read from its cell: nothing left empty
    for (const c of REGISTRY_COLUMNS) expect([c.key, read.rows[c.key][0]]).not.toEqual([c.key, c.kind === 'text' || c.kind === 'date' ? '' : Number.NaN]);

    const reference = buildReferenceIndex({ houses: [house(G)], tariffs: [tariff({ valid_from: '2026-01-01' })], organisations: [organisation()] }, serviceDictionary(serviceSpecs));
    const result = checkRegistry({ meta: read.meta, rows: read.rows, reference, history: buildHistoryIndex([]), params: PARAMS }, []);
    const stored = storedRows(read.rows, result);
    expect(Object.keys(stored).sort()).toEqual(['count', 'rowNo', 'verdicts', 'declaredSum', ...keys].sort());
    expect(stored).toMatchObject({ n: [1], fiasId: [G], commissioned: ['01.01.1986'], eot: ['48.8000'], vOdn: ['0.5000'], subsidy: [7424], declaredSum: 7424 });
    const payload = rowsPayloadOf(1, 1, result, stored);
    const meta = ['registryId', 'checkRunId', 'ruleIds', 'ruleTitles', 'ruleSeverities', 'reasons', 'count', 'rowNo', 'expected', 'checkStatus', 'checkReason'];
    expect(Object.keys(payload).sort()).toEqual([...meta, ...keys].sort());
  });

  it('are pinned to the shapes stored for later: a changed column needs new formats of the stored payloads and the browser’s copies', () => {
    // When this fails: raise ROWS_PAYLOAD_FORMAT (server/registries/rows-payload.ts) and PackedRows' format
    // (workspace/src/pages/review/rows-pack.ts, reading the older one as no copy), then write the new list here.
    expect(REGISTRY_COLUMNS.map((c) => `${c.key}:${c.kind}`)).toEqual([
      'n:integer', 'address:text', 'fiasId:text', 'diffAttr:text', 'territory:text', 'supplySystem:text', 'commissioned:date', 'tariffKind:text',
      'eot:decimal', 'lt:decimal', 'vLiving:decimal', 'vOdn:decimal', 'subsidy:money',
    ]);
    expect(ROWS_PAYLOAD_FORMAT).toBe(1);
  });
});

/** How Postgres names the type each kind of column is kept in. */
const SQL_TYPES: Record<ColumnKind, string> = { text: 'text', date: 'text', integer: 'integer', decimal: 'numeric', money: 'bigint' };
/** What `registry_rows` keeps besides the file's columns: the row's place, its verdicts and its decision. */
const NOT_FILE_COLUMNS = ['registry_id', 'row_no', 'status', 'expected_subsidy', 'check_status', 'check_reasons', 'failed_rules', 'decision_reason', 'decided_by', 'decided_at'];

describe.each(testDatabases())('registry_rows on $name', (target) => {
  let db: Database;
  beforeAll(async () => {
    db = await openMigrated(target);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('has a column of the declared type and scale for each declared column, and no other file column', async () => {
    const columns = await db.sql<{ name: string; type: string; scale: number | null }[]>`
      select column_name as name, data_type as type, numeric_scale::int as scale
      from information_schema.columns where table_schema = current_schema() and table_name = 'registry_rows'`;
    const byName = new Map(columns.map((c) => [c.name, c]));
    for (const c of REGISTRY_COLUMNS) {
      expect({ column: c.sql, type: byName.get(c.sql)?.type }).toEqual({ column: c.sql, type: SQL_TYPES[c.kind] });
      if (c.kind === 'decimal') expect({ column: c.sql, scale: byName.get(c.sql)?.scale }).toEqual({ column: c.sql, scale: c.scale });
    }
    expect(columns.map((c) => c.name).filter((n) => !sqlNames.includes(n)).sort()).toEqual([...NOT_FILE_COLUMNS].sort());
  });
});
