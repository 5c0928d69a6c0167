import type { InferResponseType } from 'hono/client';
import type { api } from '../../api.ts';

/** GET /api/reference/summary: counts of each reference table and the latest import batches. */
export type ReferenceSummary = InferResponseType<typeof api.reference.summary.$get, 200>;
export type ImportBatch = ReferenceSummary['batches'][number];
