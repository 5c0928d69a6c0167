import type { AnalyticsFilter, DrillTarget } from '../../../../server/contract/analytics.ts';

/** The dashboard's filters as the address bar keeps them (`/analytics?from=2026-01&rso=…`): reload and links keep the view. */
export type Filter = AnalyticsFilter;

const KEYS = ['from', 'to', 'rso', 'district', 'settlement', 'service'] as const;

export function filterFromSearch(search: string): Filter {
  const p = new URLSearchParams(search);
  const f: Filter = {};
  for (const k of KEYS) {
    const v = p.get(k);
    if (v !== null) f[k] = v;
  }
  return f;
}

/** The query of the analytics API for a filter: unset fields are left out ('' is a value: «not stated»). */
export function filterQuery(f: Filter): Record<string, string> {
  const q: Record<string, string> = {};
  for (const k of KEYS) {
    const v = f[k];
    if (v !== undefined) q[k] = v;
  }
  return q;
}

export const searchOf = (f: Filter): string => {
  const s = new URLSearchParams(filterQuery(f)).toString();
  return s ? `?${s}` : '';
};

/** The filter with one field set or (undefined) removed. */
export function withField(f: Filter, key: keyof Filter, value: string | undefined): Filter {
  const next = { ...f };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

/** A drill-down: the filter narrowed by what was clicked, described for the panel's heading. */
export interface Drill {
  title: string;
  filter: Filter;
  target: DrillTarget;
}

/**
 * The registries list (`/registries?…`) showing the same registries as far as its filters go: one month, РСО,
 * service, district, status, executor. Settlements and rules are not list filters; the panel lists those itself.
 */
export function registriesListHref(d: Drill): string | null {
  const f = d.filter;
  const q = new URLSearchParams();
  if (f.from && f.from === f.to) q.set('period', f.from);
  else if (f.from || f.to) return null; // the list filters one month at a time
  if (f.rso) q.set('rso', f.rso);
  if (f.service) q.set('service', f.service);
  if (f.district) q.set('district', f.district);
  if (d.target.status) q.set('status', d.target.status);
  if (d.target.executor !== undefined) q.set('executor', String(d.target.executor));
  const s = q.toString();
  return `/registries${s ? `?${s}` : ''}`;
}

export function drillQuery(d: Drill): Record<string, string> {
  const q = filterQuery(d.filter);
  if (d.target.status) q.status = d.target.status;
  if (d.target.executor !== undefined) q.executor = String(d.target.executor);
  if (d.target.deadline) q.deadline = d.target.deadline;
  if (d.target.rule) q.rule = d.target.rule;
  return q;
}
