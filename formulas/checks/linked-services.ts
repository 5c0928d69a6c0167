/**
 * Services linked by the water balance (DOMAIN.md «Linked services»): sewerage is what flowed in as cold and
 * hot water. Codes as `templates/services.json` names them.
 */
export const SEWERAGE = 'ВО';
export const COLD_WATER = 'ХВС';
export const HOT_WATER = 'ГВС';

/** The water that flowed into one house in one month, over every counted registry (check 10). */
export interface LinkedVolumes {
  /** Σ ХВС volume of the readable rows, 10^-4 units. */
  cold: number;
  /** ХВС rows of the house, readable or not. */
  coldRows: number;
  /** ХВС rows whose volume cannot be read. */
  coldUnreadable: number;
  hot: number;
  hotRows: number;
  hotUnreadable: number;
}

export const isLinkedSource = (service: string): boolean => service === COLD_WATER || service === HOT_WATER;

/** Adds one ХВС or ГВС row (its v_living + v_odn, NaN when unreadable) to a house's month. */
export function addLinkedRow(into: LinkedVolumes, service: string, volume: number): void {
  const unreadable = Number.isNaN(volume);
  if (service === COLD_WATER) {
    into.coldRows++;
    if (unreadable) into.coldUnreadable++;
    else into.cold += volume;
  } else {
    into.hotRows++;
    if (unreadable) into.hotUnreadable++;
    else into.hot += volume;
  }
}

export const emptyLinkedVolumes = (): LinkedVolumes => ({ cold: 0, coldRows: 0, coldUnreadable: 0, hot: 0, hotRows: 0, hotUnreadable: 0 });
