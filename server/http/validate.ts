import { zValidator as honoZValidator } from '@hono/zod-validator';
import type { ZodType } from 'zod';

/** What a route validates, kept on its middleware so the OpenAPI document is read off the router (`openapi.ts`). */
export const VALIDATES = Symbol.for('sverka.validates');

export interface Validates {
  target: 'json' | 'form' | 'query' | 'param' | 'header' | 'cookie';
  schema: ZodType;
}

/**
 * `@hono/zod-validator`'s `zValidator`, the same types, with the schema it checks attached to the middleware: the
 * route table is then the one place that says what a request may hold, for the validation and for the document.
 */
export const zValidator: typeof honoZValidator = ((...args: Parameters<typeof honoZValidator>) => {
  const [target, schema] = args;
  return Object.assign(honoZValidator(...args), { [VALIDATES]: { target, schema } as Validates });
}) as typeof honoZValidator;
