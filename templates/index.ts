/**
 * The templates as typed data. This file only gives the JSON beside it its types; every rule about
 * what the data means lives in formulas/.
 */
import type { TableSpec } from '../formulas/table/spec.ts';
import houses from './reference/houses.json' with { type: 'json' };
import organisations from './reference/organisations.json' with { type: 'json' };
import tariffs from './reference/tariffs.json' with { type: 'json' };

export const referenceSpecs = {
  houses: houses as TableSpec,
  tariffs: tariffs as TableSpec,
  organisations: organisations as TableSpec,
};
