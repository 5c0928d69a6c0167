/**
 * Other registries as the checks see them: who else claimed a house in a month (check 7) and the house's
 * monthly volumes (check 9). Only registries that count go in: not cancelled, not refused registration.
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

export interface HistoryIndex {
  /** `period|service|fias` → rows of other registries that claim the house. */
  claims: Map<string, Claim[]>;
  /** `service|fias` → period → the month's total volume over all counted registries. */
  volumes: Map<string, Map<string, number>>;
}

export const claimKey = (period: string, service: string, fias: string): string => `${period}|${service}|${fias}`;
export const volumeKey = (service: string, fias: string): string => `${service}|${fias}`;

/** `exclude` is the registry being checked, when it is already among the stored ones. */
export function buildHistoryIndex(registries: readonly OtherRegistry[], exclude?: string): HistoryIndex {
  const claims = new Map<string, Claim[]>();
  const volumes = new Map<string, Map<string, number>>();
  for (const r of registries) {
    if (r.id === exclude) continue;
    for (let i = 0; i < r.fias.length; i++) {
      const fias = r.fias[i] ?? '';
      if (!fias) continue;
      const ck = claimKey(r.period, r.service, fias);
      let list = claims.get(ck);
      if (!list) claims.set(ck, (list = []));
      list.push({ registryId: r.id, label: r.label, fileRow: Number(r.fileRow[i]) });
      const v = Number(r.volume[i]);
      if (Number.isNaN(v)) continue;
      const vk = volumeKey(r.service, fias);
      let months = volumes.get(vk);
      if (!months) volumes.set(vk, (months = new Map()));
      months.set(r.period, (months.get(r.period) ?? 0) + v);
    }
  }
  return { claims, volumes };
}

/** Row totals of a registry for the history: v_living + v_odn, an empty ОДН counting as zero. */
export function rowVolumes(vLiving: Float64Array, vOdn: Float64Array): Float64Array {
  const out = new Float64Array(vLiving.length);
  for (let i = 0; i < out.length; i++) out[i] = (vLiving[i] ?? Number.NaN) + (Number.isNaN(vOdn[i] ?? Number.NaN) ? 0 : (vOdn[i] ?? 0));
  return out;
}
