/**
 * Each house's monthly volumes as the registries reported them, and check 9 of DOMAIN.md computed on them:
 * the generator uses it to aim injected volume jumps and to record any failure the data causes elsewhere.
 */
import type { ServiceCode } from './model.ts';
import type { RegistryRow } from './registry-rows.ts';

const WINDOW = 12;
const MIN_MONTHS = 3;
const THRESHOLD = 0.5;

export interface HistoryAverage {
  months: number;
  /** In 10^-4 units; meaningful when `months` > 0. */
  average: number;
}

/** A house and service of the history: a number for a row naming its own house, text for any other id. */
export type HistoryKey = number | string;

const SERVICE_SLOT: Record<ServiceCode, number> = { 'ХВС': 0, 'ГВС': 1, 'ВО': 2, 'ТС': 3, 'ЭЭ': 4, 'Газ': 5 };
const SERVICES = 6;

/**
 * Totals per house (fias_id as written, lower-cased) and service, per month index: one flat array with a
 * slot of `monthCount` values per key, NaN where the house had no row that month.
 */
export class VolumeHistory {
  private readonly bySlotOfHouse: Int32Array;
  private readonly byText = new Map<string, number>();
  private used = 0;
  private values: Float64Array;

  constructor(private readonly monthCount: number, houseCount: number) {
    this.bySlotOfHouse = new Int32Array(houseCount * SERVICES).fill(-1);
    this.values = new Float64Array(1024 * monthCount).fill(Number.NaN);
  }

  /**
   * The key of a row: its house by number when the row names that house (the usual case, and cheap), the
   * id as written otherwise (an unknown or malformed GUID); null for an empty fias_id, which has no history.
   */
  static key(row: RegistryRow, service: ServiceCode): HistoryKey | null {
    const own = row.house.fiasId;
    if (row.fias === own) return row.house.index * SERVICES + SERVICE_SLOT[service];
    const id = row.fias.trim().toLowerCase();
    if (id === '') return null;
    return id === own ? row.house.index * SERVICES + SERVICE_SLOT[service] : `${id}|${service}`;
  }

  private slotOf(key: HistoryKey, create: boolean): number {
    let slot = typeof key === 'number' ? (this.bySlotOfHouse[key] ?? -1) : (this.byText.get(key) ?? -1);
    if (slot >= 0 || !create) return slot;
    slot = this.grow();
    if (typeof key === 'number') this.bySlotOfHouse[key] = slot;
    else this.byText.set(key, slot);
    return slot;
  }

  /** Mean of the months with data among the 12 before `monthIndex`. */
  averageBefore(key: HistoryKey | null, monthIndex: number): HistoryAverage {
    const slot = key === null ? -1 : this.slotOf(key, false);
    if (slot < 0) return { months: 0, average: 0 };
    const base = slot * this.monthCount;
    let months = 0;
    let sum = 0;
    for (let i = Math.max(0, monthIndex - WINDOW); i < monthIndex; i++) {
      const v = this.values[base + i] ?? Number.NaN;
      if (!Number.isNaN(v)) {
        months++;
        sum += v;
      }
    }
    return { months, average: months > 0 ? sum / months : 0 };
  }

  /** Check 9: true when the row's total departs from the average by more than 50% (needs 3 months). */
  jumps(key: HistoryKey | null, monthIndex: number, total: number): boolean {
    const h = this.averageBefore(key, monthIndex);
    if (h.months < MIN_MONTHS) return false;
    if (h.average === 0) return total > 0;
    return Math.abs(total - h.average) / h.average > THRESHOLD;
  }

  /**
   * Adds a month's rows with their keys (`keys[i]` belongs to `rows[i]`); several rows of one house in one
   * month are summed, as the check does.
   */
  record(rows: readonly RegistryRow[], keys: readonly (HistoryKey | null)[], monthIndex: number): void {
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as RegistryRow;
      const key = keys[i] ?? null;
      if (key === null) continue;
      const at = this.slotOf(key, true) * this.monthCount + monthIndex;
      const prev = this.values[at] ?? Number.NaN;
      this.values[at] = (Number.isNaN(prev) ? 0 : prev) + row.vLiving + row.vOdn;
    }
  }

  /** A fresh slot, doubling the array when it is full. */
  private grow(): number {
    const slot = this.used++;
    if (this.used * this.monthCount > this.values.length) {
      const bigger = new Float64Array(this.values.length * 2).fill(Number.NaN);
      bigger.set(this.values);
      this.values = bigger;
    }
    return slot;
  }
}
