import { describe, expect, it } from 'vitest';
import type { RegistryRowsPayload } from '../../../../server/contract/registries.ts';
import { packRows, unpackRows } from './rows-pack.ts';

const payload = (over: Partial<RegistryRowsPayload> = {}): RegistryRowsPayload => ({
  registryId: 3,
  checkRunId: 8,
  ruleIds: ['1', '8'],
  ruleTitles: ['ФИАС', 'Сумма'],
  ruleSeverities: ['error', 'error'],
  reasons: ['', 'Заявлено 15,00 руб.'],
  count: 3,
  rowNo: [7, 8, 9],
  n: [1, null, 3],
  address: ['ул. Ленина, д. 1', '', 'ул. «Мира»; д. 2\nкорп. 1'],
  fiasId: ['a', '', 'c'],
  diffAttr: ['с -- по --', '', ''],
  territory: ['Абатский', 'Абатский', ''],
  supplySystem: ['', '', ''],
  commissioned: ['1989', '', '2001-05-01'],
  tariffKind: ['Однотарифный', '', ''],
  eot: ['48.8000', null, '0.0000'],
  lt: [null, null, '41.73'],
  vLiving: ['-1.5', '0', null],
  vOdn: [null, '2', '3'],
  subsidy: [7070, null, -5],
  expected: [null, 0, 1414],
  checkStatus: [1, 2, 3, 1, 2, 2],
  checkReason: [0, 1, 0, 0, 1, 1],
  ...over,
});

describe('packed rows for IndexedDB', () => {
  it('unpack(pack(x)) = x, with nulls, empty texts and line breaks kept apart', () => {
    const p = payload();
    const k = packRows(p);
    expect(k).not.toBeNull();
    expect(unpackRows(k!)).toEqual(p);
  });

  it('keeps an empty registry empty', () => {
    const empty = payload({ count: 0, rowNo: [], n: [], address: [], fiasId: [], diffAttr: [], territory: [], supplySystem: [], commissioned: [], tariffKind: [], eot: [], lt: [], vLiving: [], vOdn: [], subsidy: [], expected: [], checkStatus: [], checkReason: [] });
    expect(unpackRows(packRows(empty)!)).toEqual(empty);
  });

  it('refuses to pack a text holding the separator (the payload is then stored as it came)', () => {
    expect(packRows(payload({ address: ['a\u0000b', '', ''] }))).toBeNull();
  });
});
