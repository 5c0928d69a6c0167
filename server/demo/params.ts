/**
 * The demo region's parameters (templates/region/demo.json) with their types. The JSON is data a person
 * may tune — names, shares, tariff ranges, error rates; this file only says what shape it has.
 */
import demoJson from '../../templates/region/demo.json' with { type: 'json' };
import type { HouseType, ServiceCode, SettlementClass } from './model.ts';
import type { RegistryColumn as ColumnSpec } from '../../formulas/registry/columns.ts';

export type Range = [number, number];
/** [from year, to year, weight]: commissioning years are drawn from weighted eras. */
export type Era = [number, number, number];

export interface DistrictParams {
  /** Short name: «Абатский», «Тюмень». */
  name: string;
  kind: 'город' | 'район';
  /** Three digits after the region code in ОКТМО. */
  oktmo: string;
  /** Share of the region's houses (relative weight). */
  weight: number;
  /** «Тюмени» — for names like «МУП ЖКХ г. Тюмени». */
  genitive?: string;
  /** Administrative centre of a district: «с. Абатское». */
  centre?: string;
  /** Number of villages besides the centre. */
  settlements?: number;
}

export interface RegionalSupplier {
  name: string;
  services: ServiceCode[];
  /** District short names, or «*» for the whole region. */
  districts: string[];
  /** Whether it submits subsidy registries (regional electricity and gas are compensated otherwise). */
  registries: boolean;
}

export interface NormParams {
  unit: 'чел' | 'м2';
  range: Range;
  heatingOnly: boolean;
}

export interface VolumeParams {
  per: 'resident' | 'm2';
  range: Range;
  odnShareMkd?: Range;
  /** Gas for heating is billed per m², not per resident. */
  heatingPerM2?: Range;
}

export type RuleNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;
export const RULES: readonly RuleNumber[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/** A column of the registry template by its key (`formulas/registry/columns.ts`). */
export type RegistryColumn = ColumnSpec['sql'];
export type MetaLabel = 'rso' | 'inn' | 'service' | 'period' | 'letterNo' | 'letterDate';

export interface DemoParams {
  region: { addressPrefix: string; oktmoRegion: string; innPrefixes: string[]; ogrnRegion: string };
  calendar: { lastMonth: string; months: number; differentiationDate: string; openEndedLatestShare: number };
  districts: DistrictParams[];
  territorySpellings: Record<'город' | 'район', string[]>;
  settlementKinds: { prefix: string; weight: number }[];
  settlementNames: string[];
  streets: {
    kinds: { prefix: string; weight: number }[];
    names: string[];
    housesPerStreet: Record<SettlementClass, number>;
  };
  houses: {
    centreShare: number;
    villageZipf: number;
    mkdShare: Record<SettlementClass, number>;
    gasifiedVillageShare: number;
    commissioned: { fullDateShare: number; yearOnlyShare: number; latest: string; mkdYears: Era[]; zhdYears: Era[] };
    heating: Record<'город-МКД' | 'город-ЖД' | 'село-МКД' | 'село-ЖД', Record<string, number>>;
    emptyHouseShare: number;
  };
  services: {
    order: ServiceCode[];
    /** Units of volume, for people reading the data (the application's own are in templates/services.json). */
    units: Record<ServiceCode, string>;
    coldWaterShare: Record<SettlementClass, number>;
    sewerageShare: Record<'МКД' | 'город-ЖД' | 'село-ЖД', number>;
    hotWaterShareOfCentralMkd: number;
    cookingGasShare: number;
    eotRub: Record<ServiceCode, Range>;
    ltShareOfEot: Range;
    halfYearGrowth: { eot: Range; lt: Range };
    newHousesEotFactor: Range;
    /** Share of tariff decisions with another tariff for houses built after `differentiationDate`. */
    differentiatedShare: number;
    /** Share of district suppliers with a separate decision for the district's centre. */
    centreDecisionShare: number;
    /** Local electricity and gas (diesel stations, liquefied gas) cost several times the regional price. */
    localSupplierEotFactor: Partial<Record<ServiceCode, Range>>;
    tariffKinds: Record<ServiceCode, string[]>;
    supplySystems: Record<ServiceCode, string[]>;
    norms: Record<ServiceCode | 'Газ-отопление', NormParams>;
    /** Monthly consumption per resident or per m² of area; ОДН as a share of it in apartment buildings. */
    volumes: Record<ServiceCode, VolumeParams>;
    seasonAmplitude: Record<ServiceCode, number>;
    monthlyNoise: number;
  };
  organisations: {
    countAt20k: number;
    sizeExponent: number;
    settlementLevelShare: number;
    nonActiveShare: number;
    taxDebtShare: number;
    regional: RegionalSupplier[];
    districtServices: ServiceCode[];
    singleDistrictName: string;
    multiDistrictNames: string[];
    settlementLevel: {
      serviceWeights: Partial<Record<ServiceCode, number>>;
      names: Partial<Record<ServiceCode, string[]>>;
    };
  };
  referenceErrors: {
    gis: {
      missing: number; otherType: number; areaOff: number; areaNoiseWithin1pct: number;
      otherResidents: number; twoHeatingTypes: number;
    };
    houseServices: { withoutDecision: number; unknownDecision: number; duplicateService: number; voNormUnlinked: number };
  };
  /** The later version of the house data (house-update.ts): shares of houses each change touches. */
  houseUpdate: {
    heatingReplaced: number;
    /** of the houses whose type differs in ГИС ЖКХ */
    typeCorrected: number;
    residentsMoved: number;
    /** of those: the register updated too */
    registerFollows: number;
    /** of the houses whose ГИС ЖКХ area differs */
    areaRemeasured: number;
    retyped: number;
    newShare: number;
    demolishedShare: number;
  };
  moRates: {
    maintenance: Record<HouseType, Range>;
    capitalRepair: Record<HouseType, Range>;
    rent: Record<HouseType, Range>;
    settlementOverrideShare: number;
  };
  registries: {
    xlsxShare: number;
    /** Registries longer than this come as CSV: nobody types 5,000 rows into Excel. */
    xlsxMaxRows: number;
    cp1251Share: number;
    bomShare: number;
    titleRowShare: number;
    reorderedColumnsShare: number;
    upperCaseFiasShare: number;
    letterDelayDays: Range;
    /** Multipliers of the error rates: some РСО are sloppier than others. */
    sloppiness: number[];
    /** Per rule: the probability that an eligible row gets that error. */
    errorRates: Record<`${RuleNumber}`, number>;
    metaLabels: Record<MetaLabel, string[]>;
    titles: string[];
    headers: Record<RegistryColumn, string[]>;
    monthNames: string[];
  };
}

/**
 * The parameters as shipped in templates/region/demo.json. JSON imports type tuples as arrays, so the
 * shape is asserted here; the generator's tests run on this very file.
 */
export const demoParams: DemoParams = demoJson as unknown as DemoParams;
