/**
 * The settlement of the summary cells that stand for a whole registry (every settlement together): queries that
 * neither filter nor group by settlement read these, a few per registry instead of a few per settlement.
 * A house's settlement is never '*' (the filter refuses it).
 */
export const WHOLE_REGISTRY = '*';
