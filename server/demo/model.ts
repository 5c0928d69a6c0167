/**
 * The demo region as the generator holds it in memory before writing files. Money is integer kopecks,
 * volumes integers of 10^-4 units, areas integers of 10^-2 m², dates ISO strings.
 */
/** Service codes used in every file: tariffs, house services, registries. */
export type ServiceCode = 'ХВС' | 'ГВС' | 'ВО' | 'ТС' | 'ЭЭ' | 'Газ';
export type HouseType = 'МКД' | 'ЖД';
/** A city, a district's centre, or a village: sizes, house types and services differ between them. */
export type SettlementClass = 'город' | 'centre' | 'село';

export interface District {
  index: number;
  /** «Абатский», «Тюмень». */
  name: string;
  kind: 'город' | 'район';
  /** As houses.csv writes it: «Абатский муниципальный район», «город Тюмень». */
  fullName: string;
  /** «р-н. Абатский» or «г. Тюмень», as the address writes it. */
  addressPart: string;
  /** «Абатского района», «г. Тюмени» — for organisation names. */
  genitive: string;
  oktmo3: string;
  settlements: Settlement[];
}

export interface Settlement {
  index: number;
  district: District;
  /** «с. Ефимово», «г. Тюмень»: the same text in houses.csv, tariffs.csv and addresses. */
  name: string;
  cls: SettlementClass;
  /** 11 digits. */
  oktmo: string;
  gasified: boolean;
  houseCount: number;
}

export interface DemoHouse {
  index: number;
  fiasId: string;
  address: string;
  settlement: Settlement;
  type: HouseType;
  /** The true commissioning date (ISO); what the files show is decided by `shown`. */
  built: string;
  /** houses.csv: the full date, only the year, or nothing. */
  shown: 'date' | 'year' | 'none';
  /** m² × 100 */
  area: number;
  residents: number;
  heating: string;
  services: ServiceCode[];
}

export type OrganisationStatus = 'действует' | 'ликвидирована' | 'банкротство' | 'в процессе ликвидации';

/** Where an organisation supplies a service: a whole district, or one settlement of it. */
export interface Coverage {
  org: DemoOrganisation;
  service: ServiceCode;
  district: District;
  /** null: every settlement of the district (`все` in БПТР). */
  settlement: Settlement | null;
  registries: boolean;
}

export interface DemoOrganisation {
  index: number;
  inn: string;
  ogrn: string;
  name: string;
  status: OrganisationStatus;
  taxDebt: boolean;
  coverage: Coverage[];
}

export interface DemoDecision {
  /** `ID_35790961`; one id spans the rows of a year (periods, commissioning ranges). */
  id: string;
  org: DemoOrganisation;
  service: ServiceCode;
  district: District;
  /** `все` or a settlement name. */
  settlement: string;
  validFrom: string;
  validTo: string | null;
  commissionedFrom: string | null;
  commissionedTo: string | null;
  tariffKind: string;
  /** kopecks */
  eot: number;
  /** kopecks */
  lt: number;
}
