/**
 * The standards commands: apply МО rates to a district or settlement, save a formula template version,
 * publish a standard set. Each is validated, then written with its audit record in one transaction.
 */
import { scaledToDecimal } from '../../formulas/parse/decimal.ts';
import { templateProblems, type StandardFormulaTemplate } from '../../formulas/standards/sheet.ts';
import { canonicalTemplate, templateProblemText } from '../../formulas/standards/template-spelling.ts';
import { normalizeName } from '../../formulas/table/normalize.ts';
import { standardParamsTemplate } from '../../templates/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { RatesApplied, SetPublished, TemplateSaved } from '../contract/standards.ts';
import type { Sql } from '../db/database.ts';
import { params, regionState } from './region-state.ts';

const RATE_FIELDS = ['maintenance', 'capital_repair', 'rent'] as const;
export type RateField = (typeof RATE_FIELDS)[number];

export interface ApplyRates {
  municipal_district: string;
  /** Omitted: every row of the district («применить к МР»); given: that settlement's rows («применить к МО»). */
  settlement?: string | undefined;
  /** Omitted: both house types. */
  house_type?: 'МКД' | 'ЖД' | undefined;
  /** Kopecks per m² for the fields to set. */
  values: Partial<Record<RateField, number>>;
  /** Основание: the document the rates come from; required, it moves the standards of every house there. */
  reason: string;
}

export type CommandOutcome<T> = { ok: true; value: T } | { ok: false; status: 404 | 409 | 422; message: string; problems?: string[] };

/**
 * «Применить к МР/МО»: sets the given rates on every matching row in one command. A settlement without rows
 * of its own gets them (copied from the district's `все` row, then changed), so an override is one command too.
 */
export async function applyMoRates(sql: Sql, cmd: ApplyRates, actorId: number): Promise<CommandOutcome<RatesApplied>> {
  const fields = RATE_FIELDS.filter((f) => cmd.values[f] !== undefined);
  if (fields.length === 0) return { ok: false, status: 422, message: 'Укажите хотя бы одну ставку: содержание, капремонт или наём' };
  const reason = cmd.reason.trim();
  const district = normalizeName(cmd.municipal_district);
  const place = cmd.settlement === undefined ? null : normalizeName(cmd.settlement);
  return sql.begin(async (tx) => {
    const base = await tx<{ id: number; settlement_key: string; house_type: string }[]>`
      select id, settlement_key, house_type from mo_rates where district_key = ${district}
        ${cmd.house_type ? tx`and house_type = ${cmd.house_type}` : tx``} for update`;
    if (base.length === 0) return { ok: false as const, status: 404 as const, message: `Нет ставок МО для района «${cmd.municipal_district}»` };
    if (!reason) return { ok: false as const, status: 422 as const, message: 'Укажите основание изменения ставок МО (например, постановление администрации № и дата)' };
    if (place !== null && place !== 'все' && !base.some((r) => r.settlement_key === place)) {
      await tx`insert into mo_rates (municipal_district, district_key, settlement, settlement_key, house_type, maintenance, capital_repair, rent, version)
        select municipal_district, district_key, ${cmd.settlement ?? ''}, ${place}, house_type, maintenance, capital_repair, rent, null
        from mo_rates where district_key = ${district} and settlement_key = 'все' ${cmd.house_type ? tx`and house_type = ${cmd.house_type}` : tx``}`;
    }
    const set = (f: RateField) => (cmd.values[f] === undefined ? tx`${tx(f)}` : tx`${scaledToDecimal(cmd.values[f], 2)}::numeric`);
    const rows = await tx<{ id: number }[]>`
      update mo_rates set maintenance = ${set('maintenance')}, capital_repair = ${set('capital_repair')}, rent = ${set('rent')},
        version = null, updated_at = clock_timestamp()
      where district_key = ${district} ${place === null ? tx`` : tx`and settlement_key = ${place}`}
        ${cmd.house_type ? tx`and house_type = ${cmd.house_type}` : tx``}
      returning id`;
    await appendAudit(tx, {
      actorId, action: 'standards.mo_rates.apply', entity: 'mo_rates', entityId: cmd.municipal_district,
      payload: { reason, settlement: cmd.settlement ?? null, house_type: cmd.house_type ?? null, values: Object.fromEntries(fields.map((f) => [f, cmd.values[f]])), rows: rows.length },
    });
    return { ok: true as const, value: { rows: rows.length } };
  });
}

export async function saveTemplate(sql: Sql, t: Omit<StandardFormulaTemplate, 'version'>, comment: string | null, actorId: number): Promise<CommandOutcome<TemplateSaved>> {
  // formulas as the analyst wrote them (Russian or English), stored canonically so HyperFormula reads every version
  const canonical = canonicalTemplate(t);
  if (!canonical.ok) return { ok: false, status: 422, message: `Шаблон не сохранён: ошибок ${canonical.problems.length}`, problems: canonical.problems.map(templateProblemText) };
  const formulas = canonical.template;
  const problems = templateProblems({ ...formulas, version: 0 }, params);
  if (problems.length > 0) return { ok: false, status: 422, message: `Шаблон не сохранён: ошибок ${problems.length}`, problems };
  // a template changes every standard: its basis is required
  if (!comment?.trim()) return { ok: false, status: 422, message: 'Укажите основание изменения шаблона формул' };
  return sql.begin(async (tx) => {
    await tx`lock table standard_templates in exclusive mode`;
    const [last] = await tx<{ v: number | null }[]>`select max(version) as v from standard_templates`;
    const version = Math.max(1, last?.v ?? 1) + 1;
    const template = { ...formulas, version };
    await tx`insert into standard_templates (version, template, comment, created_by) values (${version}, ${tx.json(template as never)}, ${comment}, ${actorId})`;
    await appendAudit(tx, { actorId, action: 'standards.template.save', entity: 'standard_template', entityId: version, payload: { comment } });
    return { ok: true as const, value: { version } };
  });
}

const CHUNK = 5_000;

/** Publishes the current standards (by the template version in force) as an immutable set with an effective date. */
export async function publishSet(sql: Sql, req: { effective_from: string; title: string }, actorId: number): Promise<CommandOutcome<SetPublished>> {
  const state = await regionState(sql);
  if (state.houses.length === 0) return { ok: false, status: 422, message: 'Нечего публиковать: в реестре нет домов' };
  // the template version the state was computed with, not one saved since: the set records what it holds
  const template = state.template;
  const houses = [...state.set.houses];
  return sql.begin(async (tx) => {
    const [set] = await tx<{ id: string }[]>`
      insert into standard_sets (effective_from, title, template_version, params, reference_version, groups, houses, published_by)
      values (${req.effective_from}, ${req.title}, ${template.version}, ${tx.json(standardParamsTemplate as never)}, ${state.key.split('|')[0] || null},
              ${state.set.groups.length}, ${houses.length}, ${actorId}) returning id`;
    const id = Number(set?.id);
    const groups = state.set.groups;
    for (let i = 0; i < groups.length; i += CHUNK) {
      const c = groups.slice(i, i + CHUNK);
      await tx`insert into standard_set_groups (set_id, group_id, key, rates, houses, standards, reason)
        select ${id}, g, k::jsonb, r::jsonb, n, s::jsonb, reason from unnest(${c.map((g) => g.id)}::text[], ${c.map((g) => JSON.stringify(g.key))}::text[],
          ${c.map((g) => (g.rates ? JSON.stringify(g.rates) : null))}::text[], ${c.map((g) => g.houses)}::int[],
          ${c.map((g) => (g.standards ? JSON.stringify(g.standards) : null))}::text[], ${c.map((g) => g.reason)}::text[])
          as t(g, k, r, n, s, reason)`;
    }
    for (let i = 0; i < houses.length; i += CHUNK * 4) {
      const c = houses.slice(i, i + CHUNK * 4);
      await tx`insert into standard_set_houses (set_id, fias_id, group_id)
        select ${id}, * from unnest(${c.map((h) => h[0])}::uuid[], ${c.map((h) => h[1])}::text[])`;
    }
    await appendAudit(tx, {
      actorId, action: 'standards.publish', entity: 'standard_set', entityId: id,
      // the formulas themselves beside their version number: version 1 is the shipped file, which a release may change
      payload: {
        effective_from: req.effective_from, title: req.title, template_version: template.version,
        formulas: { housing: template.template.housing, heating: template.template.heating, non_heating: template.template.non_heating },
        groups: groups.length, houses: houses.length, reference: state.key,
      },
    });
    return { ok: true as const, value: { id, groups: groups.length, houses: houses.length } };
  });
}
