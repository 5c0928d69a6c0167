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
