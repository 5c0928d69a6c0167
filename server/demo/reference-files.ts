/**
 * The three reference files DOMAIN.md defines — houses, organisations, БПТР tariffs — with exactly its
 * column keys, so they load through the same import a user's upload takes.
 */
import { join } from 'node:path';
import { ruDate } from './calendar.ts';
import { CsvFileWriter } from './csv.ts';
import { rub, scaled } from './format.ts';
import type { DemoDecision, DemoHouse, DemoOrganisation } from './model.ts';

/** houses.csv: the region's house register; `districtOf` may spell a house's district another way. */
export function writeHouses(dir: string, houses: readonly DemoHouse[], districtOf: (h: DemoHouse) => string | undefined = () => undefined): number {
  const w = new CsvFileWriter(join(dir, 'houses.csv'), [
    'fias_id', 'address', 'municipal_district', 'oktmo', 'settlement', 'house_type', 'commissioned', 'area', 'residents', 'heating_type',
  ]);
  for (const h of houses) {
    const s = h.settlement;
    const commissioned = h.shown === 'date' ? ruDate(h.built) : h.shown === 'year' ? h.built.slice(0, 4) : '';
    w.row([h.fiasId, h.address, districtOf(h) ?? s.district.fullName, s.oktmo, s.name, h.type, commissioned, scaled(h.area, 2), String(h.residents), h.heating]);
  }
  return w.close();
}

/** organisations.csv: the tax register's extract for every РСО. */
export function writeOrganisations(dir: string, organisations: readonly DemoOrganisation[]): number {
  const w = new CsvFileWriter(join(dir, 'organisations.csv'), ['inn', 'ogrn', 'name', 'status', 'tax_debt']);
  for (const o of organisations) w.row([o.inn, o.ogrn, o.name, o.status, o.taxDebt ? 'да' : 'нет']);
  return w.close();
}

/** tariffs.csv: the БПТР. */
export function writeTariffs(dir: string, decisions: readonly DemoDecision[]): number {
  const w = new CsvFileWriter(join(dir, 'tariffs.csv'), [
    'decision_id', 'rso_inn', 'service', 'municipal_district', 'settlement', 'valid_from', 'valid_to',
    'commissioned_from', 'commissioned_to', 'tariff_kind', 'eot', 'lt',
  ]);
  const date = (iso: string | null): string => (iso ? ruDate(iso) : '');
  for (const d of decisions) {
    w.row([
      d.id, d.org.inn, d.service, d.district.fullName, d.settlement, date(d.validFrom), date(d.validTo),
      date(d.commissionedFrom), date(d.commissionedTo), d.tariffKind, rub(d.eot), rub(d.lt),
    ]);
  }
  return w.close();
}
