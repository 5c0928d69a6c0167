import { fail, ok, type Parsed } from '../problem.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** ФИАС/ГАР house id: a GUID 8-4-4-4-12, case-insensitive, stored lower-case. */
export function parseFiasId(raw: string): Parsed<string> {
  const s = raw.trim().toLowerCase();
  if (!GUID.test(s)) return fail(`код ФИАС должен быть GUID вида xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, получено «${raw}»`);
  return ok(s);
}
