/**
 * The staging table of a streamed reference import (issue 18): its columns, and each validated record as a line of
 * Postgres COPY text. The upload thread encodes, the import (`server/reference/staged-import.ts`) creates the table
 * from the same columns and merges it into the real one set-based.
 */
import { scaledToDecimal } from '../../formulas/parse/decimal.ts';
import type { GisHouse, House, HouseService, TariffDecision } from '../../formulas/reference/types.ts';
import { normalizeName } from '../../formulas/table/normalize.ts';

/** The kinds imported through a staging table; the small ones (organisations, МО rates) keep the array upsert. */
export const STAGED_KINDS = ['houses', 'house_services', 'gis_houses', 'tariffs'] as const;
export type StagedKind = (typeof STAGED_KINDS)[number];
export const isStaged = (kind: string): kind is StagedKind => (STAGED_KINDS as readonly string[]).includes(kind);

/** Column name and SQL type, in COPY order. `n` is the record's position in the file. */
export const STAGING_COLUMNS: Record<StagedKind, readonly (readonly [string, string])[]> = {
  houses: [['n', 'integer'], ['fias_id', 'uuid'], ['address', 'text'], ['municipal_district', 'text'], ['district_key', 'text'], ['district_oktmo', 'text'],
    ['oktmo', 'text'], ['settlement', 'text'], ['house_type', 'text'], ['commissioned', 'date'], ['area', 'numeric(12, 2)'], ['residents', 'integer'], ['heating_type', 'text']],
  house_services: [['n', 'integer'], ['fias_id', 'uuid'], ['line_no', 'integer'], ['service', 'text'], ['tariff', 'numeric(14, 4)'], ['decision_id', 'text'],
    ['norm', 'numeric(14, 4)'], ['norm_unit', 'text'], ['heating_only', 'boolean']],
  gis_houses: [['n', 'integer'], ['fias_id', 'uuid'], ['house_type', 'text'], ['area', 'numeric(12, 2)'], ['residents', 'integer'], ['heating_types', 'text']],
  tariffs: [['n', 'integer'], ['decision_id', 'text'], ['rso_inn', 'text'], ['service', 'text'], ['municipal_district', 'text'], ['settlement', 'text'],
    ['valid_from', 'date'], ['valid_to', 'date'], ['commissioned_from', 'date'], ['commissioned_to', 'date'], ['tariff_kind', 'text'], ['eot', 'numeric(14, 4)'], ['lt', 'numeric(14, 4)']],
};

type Field = string | number | boolean | null;

const SPECIAL = /[\\\t\n\r]/;
/** One field of COPY's text format: `\N` for null, backslash escapes for the characters that delimit. */
function field(v: Field): string {
  if (v === null) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  const s = String(v);
  return SPECIAL.test(s) ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : s;
}

const dec = (v: number | null, scale: number): string | null => (v === null ? null : scaledToDecimal(v, scale));
/** District of a house: its ОКТМО's first five digits name the municipal district or city okrug. */
const districtOktmo = (oktmo: string): string => `${oktmo.slice(0, 5)}000`;

/** Encodes records of one kind, in file order, as COPY lines (stateful: a house's services are numbered). */
export function stagingEncoder(kind: StagedKind): (record: unknown, n: number) => string {
  const line = (fields: Field[]): string => `${fields.map(field).join('\t')}\n`;
  switch (kind) {
    case 'houses': {
      const keys = new Map<string, string>();
      return (r, n) => {
        const h = r as House;
        let key = keys.get(h.municipal_district);
        if (key === undefined) keys.set(h.municipal_district, (key = normalizeName(h.municipal_district)));
        return line([n, h.fias_id, h.address, h.municipal_district, key, districtOktmo(h.oktmo), h.oktmo, h.settlement, h.house_type, h.commissioned,
          dec(h.area, 2), h.residents, h.heating_type]);
      };
    }
    case 'house_services': {
      const lineNo = new Map<string, number>();
      return (r, n) => {
        const s = r as HouseService;
        const no = (lineNo.get(s.fias_id) ?? 0) + 1;
        lineNo.set(s.fias_id, no);
        return line([n, s.fias_id, no, s.service, dec(s.tariff, 4), s.decision_id, dec(s.norm, 4), s.norm_unit, s.heating_only === 'да']);
      };
    }
    case 'gis_houses':
      return (r, n) => {
        const g = r as GisHouse;
        return line([n, g.fias_id, g.house_type, dec(g.area, 2), g.residents, g.heating_types]);
      };
    case 'tariffs':
      return (r, n) => {
        const t = r as TariffDecision;
        return line([n, t.decision_id, t.rso_inn, t.service, t.municipal_district, t.settlement, t.valid_from, t.valid_to, t.commissioned_from,
          t.commissioned_to, t.tariff_kind, dec(t.eot, 4), dec(t.lt, 4)]);
      };
    default:
      return kind satisfies never;
  }
}
