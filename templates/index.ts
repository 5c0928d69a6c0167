/**
 * The templates as typed data. This file only gives the JSON beside it its types; every rule about
 * what the data means lives in formulas/.
 */
import type { CustomRuleSpec, RuleSetTemplate } from '../formulas/checks/types.ts';
import type { ServiceSpec } from '../formulas/registry/services.ts';
import type { RegistrySpec } from '../formulas/registry/types.ts';
import type { StandardParamsTemplate } from '../formulas/standards/params.ts';
import type { StandardFormulaTemplate } from '../formulas/standards/sheet.ts';
import type { TableSpec } from '../formulas/table/spec.ts';
import type { WorkbookDef } from '../formulas/workbook/types.ts';
import gisHouses from './reference/gis_houses.json' with { type: 'json' };
import houseServices from './reference/house_services.json' with { type: 'json' };
import houses from './reference/houses.json' with { type: 'json' };
import moRates from './reference/mo_rates.json' with { type: 'json' };
import organisations from './reference/organisations.json' with { type: 'json' };
import tariffs from './reference/tariffs.json' with { type: 'json' };
import unified from './registry/unified.json' with { type: 'json' };
import defaultRules from './rules/default.json' with { type: 'json' };
import services from './services.json' with { type: 'json' };
import standardFormula from './standards/formula.json' with { type: 'json' };
import standardParamsJson from './standards/params.json' with { type: 'json' };
import eotLtByRsoDistrict from './workbooks/eot-lt-by-rso-district.json' with { type: 'json' };
import gasTariffPlus7 from './workbooks/gas-tariff-plus-7.json' with { type: 'json' };
import voAboveWater from './workbooks/vo-above-water.json' with { type: 'json' };
import volumeGrowth3Months from './workbooks/volume-growth-3-months.json' with { type: 'json' };

export const referenceSpecs = {
  houses: houses as TableSpec,
  tariffs: tariffs as TableSpec,
  organisations: organisations as TableSpec,
  house_services: houseServices as TableSpec,
  mo_rates: moRates as TableSpec,
  gis_houses: gisHouses as TableSpec,
};

export const registrySpec = unified as RegistrySpec;
export const serviceSpecs: ServiceSpec[] = services.services;
export const defaultRuleSet = defaultRules as RuleSetTemplate & { custom: CustomRuleSpec[] };

/** Parameters of the regional standards and the household subsidy (exact decimals as strings). */
export const standardParamsTemplate = standardParamsJson as StandardParamsTemplate;
/** The standard formula template (HyperFormula syntax), version 1 as shipped. */
export const standardFormulaTemplate = standardFormula as StandardFormulaTemplate;

/** The shipped workbooks (issue 17), by id: each answers one of the analysts' questions on the region's data. */
export const workbookTemplates: Record<string, WorkbookDef> = {
  'vo-above-water': voAboveWater as WorkbookDef,
  'eot-lt-by-rso-district': eotLtByRsoDistrict as WorkbookDef,
  'volume-growth-3-months': volumeGrowth3Months as WorkbookDef,
  'gas-tariff-plus-7': gasTariffPlus7 as WorkbookDef,
};
