import { normalizeHeader } from '../table/normalize.ts';

/** A utility service as the templates describe it: code (ХВС), title, unit of volume and other names. */
export interface ServiceSpec {
  code: string;
  title: string;
  unit: string;
  aliases: string[];
}

export interface ServiceDictionary {
  /** The service code for any of its names, or null. */
  resolve(text: string): string | null;
  unit(code: string): string;
  title(code: string): string;
}

export function serviceDictionary(specs: ServiceSpec[]): ServiceDictionary {
  const byName = new Map<string, ServiceSpec>();
  for (const s of specs) for (const name of [s.code, s.title, ...s.aliases]) byName.set(normalizeHeader(name), s);
  const byCode = new Map(specs.map((s) => [s.code, s]));
  return {
    resolve: (text) => byName.get(normalizeHeader(text))?.code ?? null,
    unit: (code) => byCode.get(code)?.unit ?? 'ед.',
    title: (code) => byCode.get(code)?.title ?? code,
  };
}
