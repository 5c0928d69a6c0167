import { BUILT_IN_RULES } from '../../formulas/checks/rules/index.ts';
import { defaultRuleSet } from '../../templates/index.ts';
import type { Reader } from './read.ts';

/**
 * Titles of rule ids as charts name them: «№4 Корректность ЭОТ» for the ten built-in checks, the title of a
 * low-code rule from the latest rule set that has it, the id itself for a rule no rule set names any more.
 */
export async function ruleTitles(sql: Reader): Promise<(rule: string) => string> {
  const titles = new Map<string, string>();
  for (const r of BUILT_IN_RULES) titles.set(r.id, `№${r.id} ${r.title}`);
  for (const r of defaultRuleSet.custom) titles.set(r.id, r.title);
  const saved = await sql<{ id: string; title: string }[]>`
    select distinct on (c->>'id') c->>'id' as id, c->>'title' as title
    from rule_sets, jsonb_array_elements(coalesce(body->'custom', '[]'::jsonb)) c
    where c->>'id' is not null and c->>'title' is not null
    order by c->>'id', created_at desc`;
  for (const r of saved) if (!/^\d+$/.test(r.id)) titles.set(r.id, r.title);
  return (rule) => titles.get(rule) ?? rule;
}
