/**
 * The settlement of the summary cells that stand for a whole registry (every settlement together): queries that
 * neither filter nor group by settlement read these, a few per registry instead of a few per settlement.
 * A house's settlement is never '*' (the filter refuses it).
 */
export const WHOLE_REGISTRY = '*';

/** A registry's district as one entry, over `registries r`: «X и др.» (rows in several districts) counts under X. */
export const ONE_DISTRICT_SQL = `(case when r.municipal_district like '% и др.' then left(r.municipal_district, -6) else coalesce(r.municipal_district, '') end)`;
