import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCheckService } from '../../formulas/checks/check-service.ts';
import { rowChecks } from '../../formulas/checks/results.ts';
import { readReference } from '../../formulas/reference/read-reference.ts';
import { readCsv } from '../../formulas/table/csv.ts';
import { defaultRuleSet, referenceSpecs, registrySpec, serviceSpecs } from '../../templates/index.ts';
import { startCheckThread, progressCallback, type CheckThread } from './check-thread.ts';
import { G, housesCsv, organisationsCsv, registryCsv, tariffsCsv } from './testing.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const ref = <K extends 'houses' | 'tariffs' | 'organisations'>(kind: K, text: string) => readReference(kind, referenceSpecs[kind], readCsv(enc(text)), kind).records;
const reference = { houses: ref('houses', housesCsv), tariffs: ref('tariffs', tariffsCsv), organisations: ref('organisations', organisationsCsv) };

describe('checks in a worker thread', () => {
  let thread: CheckThread;
  beforeAll(async () => {
    thread = await startCheckThread();
  });
  afterAll(async () => {
    await thread.close();
  });

  it('give exactly what the same service gives in-thread, and report progress', async () => {
    const bytes = enc(registryCsv('август 2026', [[G[0]!, '10', '70,70'], [G[1]!, '12', '1,00'], [G[0]!, '1', '7,07']]));
    const local = createCheckService();
    local.configure({ registry: registrySpec, services: serviceSpecs });
    for (const s of [local, thread.api]) {
      await s.setReference('v1', reference);
      await s.setHistory('h1', []);
      await s.setRuleSet(defaultRuleSet);
    }
    const readLocal = await local.read('r.csv', bytes);
    const readRemote = await thread.api.read('r.csv', bytes);
    expect(readRemote).toEqual(readLocal);
    if (!readRemote.ok || !readLocal.ok) throw new Error('not read');
    const progress: number[] = [];
    await thread.api.open('r1', { meta: readRemote.meta, rows: readRemote.rows });
    local.open('r1', { meta: readLocal.meta, rows: readLocal.rows });
    const remote = await thread.api.check('r1', progressCallback((d) => progress.push(d)));
    const inThread = local.check('r1');
    expect({ ...remote, elapsedMs: 0 }).toEqual({ ...inThread, elapsedMs: 0 });
    expect(remote.elapsedMs).toBeGreaterThan(0);
    expect(await thread.api.findings('r1', [], false)).toEqual([]);
    expect(progress.at(-1)).toBe(1);
    expect(rowChecks(remote, 1)['8']?.status).toBe('failed');
    expect(rowChecks(remote, 0)['7']?.status).toBe('failed');
    expect(await thread.api.versions()).toEqual({ reference: 'v1', history: 'h1', ruleSet: 'default@1' });
  });
});
