/**
 * What checks 4 and 5 of DOMAIN.md will say about a row, computed from the generator's own decisions: the
 * generator records every failure it causes, including the knock-on ones (a wrong territory also means no
 * tariff is found), so a test can compare the checks' findings with the list exactly.
 */
import { parseFiasId } from '../../formulas/ids/fias.ts';
import { parseDate } from '../../formulas/parse/date.ts';
import { normalizeName } from '../../formulas/table/normalize.ts';
import type { Month } from './calendar.ts';
import type { DemoHouse, DemoOrganisation, District, ServiceCode } from './model.ts';
import type { RegistryRow } from './registry-rows.ts';
import type { TariffBook } from './tariffs.ts';

// No settlement is called this, so only `все` decisions match — the rule for a house the register lacks.
const NO_SETTLEMENT = '\u0000';

export class TariffExpectation {
  private readonly districts: Map<string, District>;
  private readonly names = new Map<string, string>();

  constructor(
    private readonly tariffs: TariffBook,
    districts: readonly District[],
    private readonly houses: ReadonlyMap<string, DemoHouse>,
  ) {
    this.districts = new Map(districts.map((d) => [normalizeName(d.fullName), d]));
  }

  /** The house a row's fias_id names, as check 1 finds it (case-insensitive), or undefined. */
  houseOf(row: RegistryRow): DemoHouse | undefined {
    const id = parseFiasId(row.fias);
    return id.ok ? this.houses.get(id.value) : undefined;
  }

  /** Whether check 4 (ЭОТ) and check 5 (ЛТ) fail for the row: no candidate decision, or none with its value. */
  failures(row: RegistryRow, org: DemoOrganisation, service: ServiceCode, month: Month): { eot: boolean; lt: boolean } {
    let name = this.names.get(row.territory);
    if (name === undefined) this.names.set(row.territory, (name = normalizeName(row.territory)));
    const district = this.districts.get(name);
    if (!district) return { eot: true, lt: true };
    const house = this.houseOf(row);
    let candidates = this.tariffs.candidates(org, service, district, house?.settlement.name ?? NO_SETTLEMENT, month);
    const date = row.commissioned.trim() === '' ? null : parseDate(row.commissioned);
    if (date?.ok) {
      const iso = date.value.iso;
      candidates = candidates.filter(
        (d) => (d.commissionedFrom === null || d.commissionedFrom <= iso) && (d.commissionedTo === null || d.commissionedTo >= iso),
      );
    }
    return { eot: !candidates.some((d) => d.eot === row.eot), lt: !candidates.some((d) => d.lt === row.lt) };
  }
}
