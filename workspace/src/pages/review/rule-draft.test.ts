import { describe, expect, it } from 'vitest';
import type { RegistryCheckResult } from '../../../../formulas/checks/check-registry.ts';
import { defaultRuleSet } from '../../../../templates/index.ts';
import { draftOf, readDraft } from './rule-draft.ts';
import { diffRuns } from './use-live-recheck.ts';

describe('rule set draft', () => {
  it('round-trips the rule set in force exactly', () => {
    const d = draftOf(defaultRuleSet);
    expect(d.sumTolerance).toBe('0,01');
    expect(d.jumpPercent).toBe('50');
    expect(d.linkedPercent).toBe('2');
    const read = readDraft(d, defaultRuleSet);
    expect(read.ok && read.ruleSet.params).toEqual({ ...defaultRuleSet.params, tariff_tolerance_rub: '0.0050', sum_tolerance_rub: '0.0100', jump_threshold: '0.5000', linked_tolerance: '0.0200' });
  });

  it('shows formulas in Russian spelling, takes either, and stores the canonical English one', () => {
    const stored = { ...defaultRuleSet, custom: [{ ...defaultRuleSet.custom[0]!, formula: '=AND([v_odn]>0, [v_odn]>[v_living])' }] };
    const d = draftOf(stored);
    expect(d.custom[0]?.formula).toBe('=И([v_odn]>0; [v_odn]>[v_living])');
    const same = readDraft(d, stored);
    expect(same.ok && same.ruleSet.custom[0]?.formula).toBe('=AND([v_odn]>0, [v_odn]>[v_living])');
    // unchanged when only the spelling differs: nothing to save
    expect(same.ok && JSON.parse(same.key)[1]).toEqual(stored.custom);
    const typed = readDraft({ ...d, custom: [{ ...d.custom[0]!, formula: '  =ЕСЛИ([v_odn]>1,5*[v_living]; ИСТИНА; ЛОЖЬ)' }] }, stored);
    expect(typed.ok && typed.ruleSet.custom[0]?.formula).toBe('=IF([v_odn]>1.5*[v_living], TRUE, FALSE)');
    const english = readDraft({ ...d, custom: [{ ...d.custom[0]!, formula: '=OR([v_odn]>1.5, [v_living]<0)' }] }, stored);
    expect(english.ok && english.ruleSet.custom[0]?.formula).toBe('=OR([v_odn]>1.5, [v_living]<0)');
  });

  it('places a formula error in the formula as typed', () => {
    const d = draftOf(defaultRuleSet);
    const read = readDraft({ ...d, custom: [{ ...d.custom[0]!, formula: '=И([v_odn]>0, [v_odn]>[v_living])' }] }, defaultRuleSet);
    expect(!read.ok && read.formulaProblems[0]).toEqual({ position: 13, message: expect.stringMatching(/^неожиданная запятая/) });
    const field = readDraft({ ...d, custom: [{ ...d.custom[0]!, formula: '=[v_odn]>[объем]' }] }, defaultRuleSet);
    expect(!field.ok && field.formulaProblems[0]?.position).toBe(10);
  });

  it('reads a percent of 12,5 as the share 0.125 and keeps other decimals exact', () => {
    const read = readDraft({ ...draftOf(defaultRuleSet), jumpPercent: '12,5', sumTolerance: '1' }, defaultRuleSet);
    expect(read.ok && read.ruleSet.params.jump_threshold).toBe('0.1250');
    expect(read.ok && read.ruleSet.params.sum_tolerance_rub).toBe('1.0000');
  });

  it('says what is wrong with each field and each rule', () => {
    const d = draftOf(defaultRuleSet);
    const read = readDraft(
      {
        ...d,
        sumTolerance: 'много',
        minHistoryMonths: '13',
        custom: [...d.custom, { ...d.custom[0]!, title: 'копия' }, { id: '9', title: 'x', severity: 'error', formula: '=1', message: 'x' }],
      },
      defaultRuleSet,
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors).toEqual({ sumTolerance: 'Число не меньше нуля, например 0,01', minHistoryMonths: 'Не больше, чем месяцев истории' });
    expect(read.ruleErrors).toEqual({ 1: 'Код «odn_over_living» уже есть в наборе', 2: 'Код правила: латинские буквы, цифры и «_», с буквы' });
  });
});

describe('verdict changes of a re-check', () => {
  const result = (ruleIds: string[], status: number[]): RegistryCheckResult =>
    ({ ruleIds, ruleTitles: ruleIds, status: Uint8Array.from(status), formulaProblems: [] }) as unknown as RegistryCheckResult;

  it('counts failures that appear and vanish per rule id, and the rows whose verdict moves', () => {
    // before: row 0 fails 8, row 1 clean, row 2 fails 9
    const before = [['8'], [], ['9']];
    // after, with a new rule x: row 0 passes 8, row 1 fails x, row 2 unchanged
    const after = result(['8', '9', 'x'], [1, 1, 1, 1, 1, 2, 1, 2, 1]);
    const d = diffRuns(before, after, 3, 5);
    expect(d.newErrors).toBe(1);
    expect(d.vanished).toBe(1);
    expect([...d.changedRows]).toEqual([0, 1]);
  });
});
