/**
 * The columns of a registry row, declared once, in the order of the unified template's table (DOMAIN.md). What
 * holds or moves a row's columns derives from this list: the check engine's columnar rows (`RegistryRows`) and
 * the reader that fills them, the insert and the selects of `registry_rows`, the rows payload of the API and its
 * packed copy in the browser, the review grid and the registry's export. `server/registries/columns.test.ts`
 * holds the template, the table of the database and the low-code rules' fields to this list.
 *
 * - `key`: the name in code (`RegistryRows`, `RegistryRowsPayload`);
 * - `sql`: the column of `registry_rows`, also the template's column key and a low-code rule's field name;
 * - `kind`: `text`; `date` (as written: text, since an Excel serial or a bare year stays as its digits; shown
 *   ДД.ММ.ГГГГ when ISO); `integer`; `decimal` (exact, `scale` places: integers of 10⁻⁴ in the engine, decimal text
 *   in the payload, `numeric` in SQL); `money` (roubles in the file, integers of 10⁻⁴ руб. in the engine, kopecks
 *   stored and sent);
 * - `title`: the template's Russian title.
 */
export const REGISTRY_COLUMNS = [
  { key: 'n', sql: 'n', kind: 'integer', title: '№ п/п' },
  { key: 'address', sql: 'address', kind: 'text', title: 'Адрес дома' },
  /** Trimmed and lower-cased when read: GUIDs compare case-insensitively. */
  { key: 'fiasId', sql: 'fias_id', kind: 'text', title: 'Код дома по ФИАС', lowerCase: true },
  { key: 'diffAttr', sql: 'diff_attr', kind: 'text', title: 'Дом, признак дифференциации тарифов' },
  { key: 'territory', sql: 'territory', kind: 'text', title: 'Территория оказания услуги' },
  { key: 'supplySystem', sql: 'supply_system', kind: 'text', title: 'Система снабжения ком. ресурсом' },
  { key: 'commissioned', sql: 'commissioned', kind: 'date', title: 'Дата ввода в эксплуатацию' },
  { key: 'tariffKind', sql: 'tariff_kind', kind: 'text', title: 'Вид тарифа' },
  { key: 'eot', sql: 'eot', kind: 'decimal', scale: 4, title: 'ЭОТ, руб. (без НДС)' },
  { key: 'lt', sql: 'lt', kind: 'decimal', scale: 4, title: 'Тариф, применяемый для начисления (без НДС)' },
  { key: 'vLiving', sql: 'v_living', kind: 'decimal', scale: 4, title: 'Потребление КУ в жилых помещениях' },
  { key: 'vOdn', sql: 'v_odn', kind: 'decimal', scale: 4, title: 'Потребление КУ на ОДН' },
  { key: 'subsidy', sql: 'subsidy', kind: 'money', title: 'Размер итоговой субсидии, руб.' },
] as const satisfies readonly ColumnSpec[];

export type ColumnKind = 'text' | 'date' | 'integer' | 'decimal' | 'money';

interface ColumnSpec {
  key: string;
  sql: string;
  kind: ColumnKind;
  scale?: number;
  title: string;
  lowerCase?: boolean;
}

export type RegistryColumn = (typeof REGISTRY_COLUMNS)[number];
export type ColumnKey = RegistryColumn['key'];
/** Keys of the columns of some kinds. */
export type ColumnKeyOf<K extends ColumnKind> = Extract<RegistryColumn, { kind: K }>['key'];
/** Columns kept as strings everywhere: text and dates as written. */
export type TextColumnKey = ColumnKeyOf<'text' | 'date'>;
/** Columns that are numbers in the payload (null when empty): integers and kopecks. */
export type NumberColumnKey = ColumnKeyOf<'integer' | 'money'>;

/**
 * The row columns as the check engine reads them, one array per column, index = row: text as strings, numbers
 * in Float64Arrays (integers as they are; decimals and money as integers of 10⁻⁴), NaN where the cell is empty
 * or unreadable. Arrays of numbers transfer to and from workers without copying.
 */
export type EngineColumns = { [C in RegistryColumn as C['key']]: C['kind'] extends 'text' | 'date' ? string[] : Float64Array };

/**
 * The row columns as stored and as the API sends them: text as strings, decimals as exact decimal text, integers
 * and money (kopecks) as numbers; null where the file had nothing readable.
 */
export type StoredColumns = { [C in RegistryColumn as C['key']]: C['kind'] extends 'text' | 'date' ? string[] : C['kind'] extends 'decimal' ? (string | null)[] : (number | null)[] };

export const columnsOfKind = <K extends ColumnKind>(...kinds: K[]): Extract<RegistryColumn, { kind: K }>[] =>
  REGISTRY_COLUMNS.filter((c): c is Extract<RegistryColumn, { kind: K }> => (kinds as ColumnKind[]).includes(c.kind));

export const columnOf = <K extends ColumnKey>(key: K): Extract<RegistryColumn, { key: K }> =>
  REGISTRY_COLUMNS.find((c) => c.key === key) as Extract<RegistryColumn, { key: K }>;
