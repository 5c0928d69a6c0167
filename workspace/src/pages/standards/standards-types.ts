import type { InferResponseType } from 'hono/client';
import type { api } from '../../api.ts';

/** Shapes of the standards API as the server's routes declare them. */
export type GroupsPage = InferResponseType<typeof api.standards.groups.$get, 200>;
export type GroupRow = GroupsPage['rows'][number];
export type GroupDetail = InferResponseType<(typeof api.standards.groups)[':id']['$get'], 200>;
export type SheetData = NonNullable<GroupDetail['sheet']>;
export type TemplateVersion = InferResponseType<typeof api.standards.template.$get, 200>;
export type RegistryHouseRow = InferResponseType<typeof api.standards.houses.$get, 200>['rows'][number];
export type HouseCardData = InferResponseType<(typeof api.standards.houses)[':fias']['$get'], 200>;
export type MoRateRow = InferResponseType<(typeof api.standards)['mo-rates']['$get'], 200>['rows'][number];
export type VersionInfo = InferResponseType<typeof api.standards.versions.$get, 200>['versions'][number];
export type DiffPage = InferResponseType<typeof api.standards.diff.$get, 200>;
export type DiffRow = DiffPage['rows'][number];
export type ForecastPage = InferResponseType<typeof api.standards.forecast.$post, 200>;
export type GroupEditRow = InferResponseType<typeof api.standards.edits.$get, 200>['rows'][number];
