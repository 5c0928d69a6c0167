import { describe, expect, it } from 'vitest';
import { parseFiasId } from './fias.ts';
import { completeInn10, parseInn } from './inn.ts';
import { completeOgrn, parseOgrn } from './ogrn.ts';
import { parseOktmo } from './oktmo.ts';

describe('ИНН', () => {
  it('accepts real organisation and individual numbers', () => {
    expect(parseInn('7707083893')).toEqual({ ok: true, value: '7707083893' }); // ПАО Сбербанк
    expect(parseInn(' 7202000010 ').ok).toBe(completeInn10('720200001') === '7202000010');
    expect(parseInn('500100732259').ok).toBe(true); // a valid 12-digit personal ИНН
  });
  it('rejects wrong check digits, lengths and letters with a Russian reason', () => {
    const bad = parseInn('7707083894');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/контрольное число/);
    expect(parseInn('500100732258').ok).toBe(false);
    expect(parseInn('500100732269').ok).toBe(false);
    const short = parseInn('770708389');
    if (!short.ok) expect(short.message).toMatch(/10 или 12 цифр/);
    expect(parseInn('77O7083893').ok).toBe(false);
    expect(parseInn('').ok).toBe(false);
  });
  it('completes check digits the same way it verifies them', () => {
    for (const prefix of ['720100000', '123456789', '000000001']) expect(parseInn(completeInn10(prefix)).ok).toBe(true);
  });
});

describe('ОГРН', () => {
  it('accepts 13-digit ОГРН and 15-digit ОГРНИП with valid check digits', () => {
    expect(parseOgrn('1027700132195').ok).toBe(true); // ПАО Сбербанк
    expect(parseOgrn('304500116000157').ok).toBe(true);
    expect(parseOgrn(completeOgrn('102720000000')).ok).toBe(true);
  });
  it('rejects wrong check digits and lengths', () => {
    expect(parseOgrn('1027700132196').ok).toBe(false);
    expect(parseOgrn('304500116000158').ok).toBe(false);
    expect(parseOgrn('10277001321').ok).toBe(false);
  });
});

describe('ОКТМО', () => {
  it('accepts 8 and 11 digits, keeps leading zeros', () => {
    expect(parseOktmo('71701000')).toEqual({ ok: true, value: '71701000' });
    expect(parseOktmo('71601405101').ok).toBe(true);
    expect(parseOktmo('01701000').ok).toBe(true);
  });
  it('rejects other lengths and non-digits', () => {
    for (const v of ['7170100', '717010001', '7170100010', '717010000101', '7170100a', '']) expect(parseOktmo(v).ok).toBe(false);
  });
});

describe('ФИАС/ГАР GUID', () => {
  it('accepts any case and stores lower case', () => {
    expect(parseFiasId('BE70D352-9DFA-4A00-A579-43DF0A1CC0E2')).toEqual({ ok: true, value: 'be70d352-9dfa-4a00-a579-43df0a1cc0e2' });
  });
  it('rejects the malformed id from the seed slide and other shapes', () => {
    expect(parseFiasId('Be70d352-9dfa-4a00-a579-43dfox1cc0e2').ok).toBe(false);
    expect(parseFiasId('be70d3529dfa4a00a57943df0a1cc0e2').ok).toBe(false);
    expect(parseFiasId('{be70d352-9dfa-4a00-a579-43df0a1cc0e2}').ok).toBe(false);
  });
});
