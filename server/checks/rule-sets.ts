import { canonicalRules, validateCustomRule } from '../../formulas/checks/custom-rules.ts';
import { ruleParams } from '../../formulas/checks/params.ts';
import type { RuleSetTemplate } from '../../formulas/checks/types.ts';
import type { Problem } from '../../formulas/problem.ts';
import { defaultRuleSet } from '../../templates/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Sql, Tx } from '../db/database.ts';
import type { RuleSetVersion } from '../contract/registries.ts';

interface RuleSetRow {
  id: string;
  version: number;
  title: string;
  body: RuleSetTemplate;
  created_by: string | null;
  created_at: string;
}

const toVersion = (r: RuleSetRow): RuleSetVersion => ({
  id: r.id,
  version: r.version,
  title: r.title,
  createdBy: r.created_by,
  createdAt: r.created_at,
  body: { ...r.body, id: r.id, version: r.version },
});

const selectRuleSets = (sql: Sql | Tx) => sql<RuleSetRow[]>`
  select s.id, s.version, s.title, s.body, u.full_name as created_by,
         to_char(s.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as created_at
  from rule_sets s left join users u on u.id = s.created_by`;

/**
 * The latest version of the rule set; an empty table is seeded from templates/rules/default.json. Formulas are
 * stored in their canonical (English) spelling, whichever the template or the analyst wrote.
 */
export async function currentRuleSet(sql: Sql | Tx): Promise<RuleSetVersion> {
  const [row] = await sql<RuleSetRow[]>`${selectRuleSets(sql)} order by s.created_at desc, s.version desc limit 1`;
  if (row) return toVersion(row);
  const seed = canonicalRules(defaultRuleSet);
  await sql`insert into rule_sets (id, version, title, body)
    values (${seed.id}, ${seed.version}, ${seed.title}, ${sql.json(seed as never)})
    on conflict do nothing`;
  const [seeded] = await sql<RuleSetRow[]>`${selectRuleSets(sql)} order by s.created_at desc, s.version desc limit 1`;
  if (!seeded) throw new Error('rule set not seeded');
  return toVersion(seeded);
}

export async function listRuleSets(sql: Sql): Promise<RuleSetVersion[]> {
  await currentRuleSet(sql);
  return (await sql<RuleSetRow[]>`${selectRuleSets(sql)} order by s.id, s.version desc`).map(toVersion);
}

const RULE_ID = /^[a-z][a-z0-9_]{0,62}$/;

/**
 * Every problem of a rule set body, by rule id and formula position (in the formula as written, Russian or
 * English), in Russian; empty when it can be saved. `file` names where it came from.
 */
export function ruleSetProblems(body: RuleSetTemplate, file = 'Набор правил'): Problem[] {
  const problems: Problem[] = [];
  try {
    ruleParams(body);
  } catch (e) {
    problems.push({ file, column: 'params', message: `Параметры проверок не читаются: ${e instanceof Error ? e.message : String(e)}` });
  }
  const p = body.params;
  if (!Number.isInteger(p.history_months) || p.history_months < 1 || p.history_months > 36) problems.push({ file, column: 'history_months', message: 'Число месяцев истории — целое от 1 до 36' });
  if (problems.length === 0 && ruleParams(body).linkedTolerance > 10_000) problems.push({ file, column: 'linked_tolerance', message: 'Допуск проверки 10 — доля от 0 до 1 (0,02 = 2%)' });
  if (!Number.isInteger(p.min_history_months) || p.min_history_months < 1 || p.min_history_months > p.history_months) problems.push({ file, column: 'min_history_months', message: 'Минимум месяцев истории — целое от 1 до числа месяцев истории' });
  const seen = new Set<string>();
  for (const rule of body.custom) {
    if (!RULE_ID.test(rule.id) || /^\d/.test(rule.id)) problems.push({ file, column: rule.id, message: `Правило «${rule.id}»: идентификатор — латинские строчные буквы, цифры и «_», с буквы` });
    if (seen.has(rule.id)) problems.push({ file, column: rule.id, message: `Правило «${rule.id}» указано дважды` });
    seen.add(rule.id);
    if (!rule.title.trim()) problems.push({ file, column: rule.id, message: `Правило «${rule.id}»: нет названия` });
    const f = validateCustomRule(rule);
    if (f) problems.push({ file, column: rule.id, message: `Правило «${rule.id}», позиция ${f.position}: ${f.message}` });
  }
  return problems;
}

/** Saves a new version (last + 1), formulas canonical, with its audit record. The caller has validated the body. */
export async function saveRuleSet(sql: Sql, body: RuleSetTemplate, actorId: number): Promise<RuleSetVersion> {
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext('rule_sets'))`;
    const [last] = await tx<{ v: number | null }[]>`select max(version) as v from rule_sets where id = ${body.id}`;
    const version = (last?.v ?? 0) + 1;
    const stored = { ...canonicalRules(body), version };
    await tx`insert into rule_sets (id, version, title, body, created_by) values (${body.id}, ${version}, ${body.title}, ${tx.json(stored as never)}, ${actorId})`;
    await appendAudit(tx, { actorId, action: 'rule_set.save', entity: 'rule_set', entityId: `${body.id}@${version}`, payload: { id: body.id, version, title: body.title, custom: body.custom.map((r) => r.id), params: body.params } });
    const [row] = await tx<RuleSetRow[]>`${selectRuleSets(tx)} where s.id = ${body.id} and s.version = ${version}`;
    if (!row) throw new Error('rule set not saved');
    return toVersion(row);
  });
}
