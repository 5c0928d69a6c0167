import fc from 'fast-check';
import ruRU from 'hyperformula/i18n/languages/ruRU';
import { describe, expect, it } from 'vitest';
import { arityOf } from './functions/index.ts';
import { canonicalFunction, spellFunction } from './spelling.ts';
import { readFormula, toCanonical, toSpelling } from './translate.ts';

const problem = (text: string, prefer: 'en' | 'ru' = 'ru') => {
  const r = readFormula(text, { prefer });
  return r.ok ? null : { position: r.problem.position, message: r.problem.message };
};

describe('formula spellings', () => {
  it('read the formula a Russian Excel user types, and store it in English', () => {
    expect(toCanonical('=И([v_odn]>0; [v_odn]>[v_living])')).toMatchObject({ ok: true, spelling: 'ru', formula: '=AND([v_odn]>0, [v_odn]>[v_living])' });
    expect(toCanonical('=ЕСЛИ(И(A1>0; B1<1,5); "да; нет, может"; "")')).toMatchObject({ ok: true, formula: '=IF(AND(A1>0, B1<1.5), "да; нет, может", "")' });
    expect(toCanonical('=ЕСЛИ([v]>1,5*[avg_12m]; "рост"; "")')).toMatchObject({ ok: true, formula: '=IF([v]>1.5*[avg_12m], "рост", "")' });
    expect(toCanonical('=СУММПРОИЗВ({TARIFF};{NORM})*9,12', { withoutEquals: false, placeholders: true })).toMatchObject({ ok: true, formula: '=SUMPRODUCT({TARIFF},{NORM})*9.12' });
    expect(toCanonical('=ЕСЛИ(ИСТИНА; #ДЕЛ/0!; {1\\2;3\\4})')).toMatchObject({ ok: true, formula: '=IF(TRUE, #DIV/0!, {1,2;3,4})' });
    expect(toCanonical('=СЧЕТ(1)+СЧЁТ(2)+если(1;2;3)')).toMatchObject({ ok: true, formula: '=COUNT(1)+COUNT(2)+IF(1,2,3)' });
    expect(toCanonical('=ЗНАЧЕН("1")+ЗНАЧ("2")+СЦЕП("а")')).toMatchObject({ ok: true, formula: '=VALUE("1")+VALUE("2")+CONCAT("а")' });
    // English stays as it is written
    expect(toCanonical('=AND([v_odn]>0, [v_odn]>[v_living])')).toMatchObject({ ok: true, spelling: 'en', formula: '=AND([v_odn]>0, [v_odn]>[v_living])' });
  });

  it('show a stored formula as Russian Excel writes it, strings and field names intact', () => {
    expect(toSpelling('=AND([v_odn]>0, [v_odn]>[v_living])', 'ru')).toBe('=И([v_odn]>0; [v_odn]>[v_living])');
    expect(toSpelling('=IF([v]>1.5*[avg, 12m], "1.5, да", FALSE)', 'ru')).toBe('=ЕСЛИ([v]>1,5*[avg, 12m]; "1.5, да"; ЛОЖЬ)');
    expect(toSpelling('={S}*SUMPRODUCT({TARIFF},{NORM},{PER_M2})', 'ru', { placeholders: true })).toBe('={S}*СУММПРОИЗВ({TARIFF};{NORM};{PER_M2})');
    expect(toSpelling('=VALUE("9.12")+9.12+1E-3', 'ru')).toBe('=ЗНАЧЕН("9.12")+9,12+1E-3');
    expect(toSpelling('=$B$2*SUMPRODUCT($B$10:$B$12,$C$10:$C$12)', 'ru')).toBe('=$B$2*СУММПРОИЗВ($B$10:$B$12;$C$10:$C$12)');
    expect(toSpelling('="abc', 'ru')).toBe('="abc'); // broken when stored: shown as it is
  });

  it('tell where a formula breaks, 1-based in what was typed, in Russian', () => {
    expect(problem('=И([v_odn]>0, [v_odn]>[v_living])')).toEqual({ position: 13, message: expect.stringMatching(/^неожиданная запятая: в русской записи аргументы функции разделяются точкой с запятой «;»/) });
    expect(problem('=ОКРУГЛ(1.5; 0)')).toEqual({ position: 10, message: 'в русской записи дробная часть числа отделяется запятой, например 1,5' });
    expect(problem('=IF([a]>0; 1; 0)')).toEqual({ position: 2, message: 'функция «IF» в русской записи пишется «ЕСЛИ»' });
    expect(problem('=ЕСЛИ([a]>0, 1, 0)', 'en')).toEqual({ position: 12, message: expect.stringMatching(/^неожиданная запятая/) });
    expect(problem('=AND([v_odn]>0')).toEqual({ position: 5, message: 'не закрыта скобка' });
    expect(problem('=И([v_odn]>0')).toEqual({ position: 3, message: 'не закрыта скобка' });
    expect(problem('=[v_odn]>0)')).toEqual({ position: 11, message: 'лишняя закрывающая скобка' });
    expect(problem('=И([v_odn]>0 [v_living]>1)')).toEqual({ position: 14, message: 'пропущен оператор или разделитель «;» перед «[v_living]»' });
    expect(problem('=1+')).toEqual({ position: 4, message: 'формула обрывается: после «+» ожидается значение' });
    expect(problem('=ЕСЛИ(')).toEqual({ position: 7, message: 'формула обрывается: после «(» ожидается значение' });
    expect(problem('="abc')).toEqual({ position: 2, message: 'не закрыта строка в кавычках' });
    expect(problem('=[v_odn')).toEqual({ position: 2, message: 'не закрыта квадратная скобка имени поля' });
    expect(problem('[v_odn]>0')).toEqual({ position: 1, message: 'формула должна начинаться со знака «=»' });
    expect(problem('=')).toEqual({ position: 2, message: 'формула пуста: после «=» напишите выражение' });
    expect(problem('=()')).toEqual({ position: 2, message: 'пустые скобки: внутри нужно выражение' });
    expect(problem('=*2')).toEqual({ position: 2, message: 'перед «*» не хватает значения' });
    expect(problem('=ФУНКЦИЯ(1)')).toEqual({ position: 2, message: 'неизвестная функция «ФУНКЦИЯ»' });
    expect(problem('=1 @ 2')).toEqual({ position: 4, message: 'неожиданный символ «@»' });
    expect(problem('=#ОШИБКА')).toEqual({ position: 2, message: expect.stringMatching(/^неизвестное значение ошибки/) });
  });

  it('know each function by one Russian name and back', () => {
    const names = Object.keys(ruRU.functions as Record<string, string>);
    for (const en of names) {
      expect(canonicalFunction(spellFunction(en, 'ru'), 'ru')).toBe(en);
      expect(canonicalFunction(en, 'en')).toBe(en);
    }
    expect(spellFunction('VALUE', 'ru')).toBe('ЗНАЧЕН');
    expect(spellFunction('SUMPRODUCT', 'ru')).toBe('СУММПРОИЗВ');
    expect(spellFunction('CONCAT', 'ru')).toBe('СЦЕП');
  });

  it('translate any English formula to Russian and back to the same text', () => {
    const names = Object.keys(ruRU.functions as Record<string, string>).filter((n) => n !== '');
    const decimal = fc.tuple(fc.nat(99_999), fc.option(fc.nat(9999), { nil: undefined }), fc.option(fc.integer({ min: -9, max: 12 }), { nil: undefined })).map(([w, f, e]) => `${w}${f !== undefined ? `.${f}` : ''}${e !== undefined ? `E${e < 0 ? e : `+${e}`}` : ''}`);
    const text = fc.string({ unit: fc.constantFrom('a', 'я', ',', ';', '.', ' ', '"', '1', '[', '(', '\\', '{') }).map((s) => `"${s.replaceAll('"', '""')}"`);
    const field = fc.string({ unit: fc.constantFrom('v', '_', 'о', ' ', ',', ';', '1', '.') , minLength: 1 }).filter((s) => s.trim() !== '').map((s) => `[${s}]`);
    const space = fc.constantFrom('', '', ' ', '  ');
    const { expr } = fc.letrec<{ expr: string; atom: string; call: string }>((tie) => ({
      atom: fc.oneof(decimal, text, field, fc.constantFrom('TRUE', 'FALSE', '#DIV/0!', '#N/A', 'A1', '$B$2', 'C3:D4')),
      call: fc.tuple(fc.constantFrom(...names), fc.array(tie('expr'), { maxLength: 3 }), space).map(([name, args, s]) => {
        const arity = arityOf(name);
        const n = arity ? Math.min(Math.max(args.length, arity.min), arity.max) : args.length;
        const list = Array.from({ length: n }, (_, k) => args[k] ?? '1');
        return `${name}(${list.join(`,${s}`)})`;
      }),
      expr: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        tie('atom'),
        tie('call'),
        fc.tuple(tie('expr'), fc.constantFrom('+', '-', '*', '/', '^', '&', '=', '<>', '<=', '>='), tie('expr'), space).map(([a, op, b, s]) => `${a}${s}${op}${s}${b}`),
        tie('expr').map((e) => `(${e})`),
        tie('expr').map((e) => `-${e}`),
      ),
    }));
    fc.assert(
      fc.property(expr, (e) => {
        const en = `=${e}`;
        const read = readFormula(en, { spelling: 'en' });
        expect(read.ok).toBe(true);
        const ru = toSpelling(en, 'ru');
        const back = toCanonical(ru, { spelling: 'ru' });
        expect(back).toMatchObject({ ok: true, formula: en });
        // and with the spelling guessed, as a pasted formula is read
        expect(toCanonical(ru, { prefer: 'ru' })).toMatchObject({ ok: true, formula: en });
      }),
      { numRuns: 400 },
    );
  });
});
