import { addLinkedRow, emptyLinkedVolumes, isLinkedSource, type LinkedVolumes } from './linked-services.ts';

/**
 * Other registries as the checks see them: who else claimed a house in a month (check 7), the house's
 * monthly volumes (check 9) and the water that flowed into it (check 10). Only registries that count go in:
 * not cancelled, not refused registration.
 */
export interface OtherRegistry {
  id: string;
  /** How a reason names it: «ООО "Вода" (ИНН 7202000010), ХВС, август 2026». */
  label: string;
  service: string;
  /** `YYYY-MM` */
  period: string;
  fias: readonly string[];
  fileRow: Int32Array | readonly number[];
  /** v_living + v_odn, 10^-4 units; NaN when unreadable. */
  volume: Float64Array | readonly number[];
}

export interface Claim {
  registryId: string;
  label: string;
  fileRow: number;
}

/**
 * Nested by what is fixed for a whole registry (period and service) first, so the row loop does one lookup by
 * the row's own GUID string instead of building and hashing a composite key per row.
 */
export interface HistoryIndex {
  /** `period|service` → fias → rows of other registries that claim the house. */
  claims: Map<string, Map<string, Claim[]>>;
  /** service → fias → period → the month's total volume over all counted registries. */
  volumes: Map<string, Map<string, Map<string, number>>>;
  /** `YYYY-MM` → fias → ХВС and ГВС of the house in that month (check 10). */
  linked: Map<string, Map<string, LinkedVolumes>>;
}

export const periodServiceKey = (period: string, service: string): string => `${period}|${service}`;

function child<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) map.set(key, (v = make()));
  return v;
}

/** `exclude` is the registry being checked, when it is already among the stored ones. */
export function buildHistoryIndex(registries: readonly OtherRegistry[], exclude?: string): HistoryIndex {
  const claims = new Map<string, Map<string, Claim[]>>();
  const volumes = new Map<string, Map<string, Map<string, number>>>();
  const linked = new Map<string, Map<string, LinkedVolumes>>();
  for (const r of registries) {
    if (r.id === exclude) continue;
    const claimed = child(claims, periodServiceKey(r.period, r.service), () => new Map<string, Claim[]>());
    const byHouse = child(volumes, r.service, () => new Map<string, Map<string, number>>());
    const water = isLinkedSource(r.service) ? child(linked, r.period, () => new Map<string, LinkedVolumes>()) : null;
    for (let i = 0; i < r.fias.length; i++) {
      const fias = r.fias[i] ?? '';
      if (!fias) continue;
      child(claimed, fias, () => [] as Claim[]).push({ registryId: r.id, label: r.label, fileRow: Number(r.fileRow[i]) });
      const v = Number(r.volume[i]);
      if (water) addLinkedRow(child(water, fias, emptyLinkedVolumes), r.service, v);
      if (Number.isNaN(v)) continue;
      const months = child(byHouse, fias, () => new Map<string, number>());
      months.set(r.period, (months.get(r.period) ?? 0) + v);
    }
  }
  return { claims, volumes, linked };
}

/** Row totals of a registry for the history: v_living + v_odn, an empty ОДН counting as zero. */
export function rowVolumes(vLiving: Float64Array, vOdn: Float64Array): Float64Array {
  const out = new Float64Array(vLiving.length);
  for (let i = 0; i < out.length; i++) out[i] = (vLiving[i] ?? Number.NaN) + (Number.isNaN(vOdn[i] ?? Number.NaN) ? 0 : (vOdn[i] ?? 0));
  return out;
}
