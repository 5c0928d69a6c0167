import { describe, expect, it } from 'vitest';
import { evaluateColumn, type Column } from './columns.ts';
import { compileRowFormula } from './row-formula.ts';
import { evaluate, shown, value } from './testing.ts';

describe('row formulas: Excel semantics', () => {
  it('keep decimals exact: money adds, multiplies and rounds to the kopeck', () => {
    expect(value('=0,1+0,2=0,3')).toBe(true);
    expect(value('=0,1+0,2')).toBe(0.3);
    expect(value('=[a]-[b]', { a: 48.8, b: 41.73 })).toBe(7.07);
    // 7,07 × 22,5 = 159,075 exactly, which rounds half up; in doubles it is 159,07499… and would round down
    expect(value('=ОКРУГЛ(([a]-[b])*22,5; 2)', { a: 48.8, b: 41.73 })).toBe(159.08);
    expect(value('=ОКРУГЛ(2,675; 2)')).toBe(2.68);
    expect(value('=ОКРУГЛ(-2,5; 0)')).toBe(-3);
    expect(value('=ОКРУГЛ(1234,5; -2)')).toBe(1200);
    expect(value('=ОКРУГЛВВЕРХ(1,201; 2)')).toBe(1.21);
    expect(value('=ОКРУГЛВНИЗ(-1,209; 2)')).toBe(-1.2);
    expect(value('=1,1^2')).toBe(1.21);
    expect(value('=0,3/0,1')).toBe(3);
    expect(value('=10/3*3')).toBe(10);
    expect(value('=ОКРУГЛ(10/3; 2)')).toBe(3.33);
    expect(value('=СУММ(0,1; 0,2; 0,3)')).toBe(0.6);
    expect(value('=ОСТАТ(-3; 2)')).toBe(1);
    expect(value('=ЦЕЛОЕ(-10,75)')).toBe(-11);
    expect(value('=-2^2')).toBe(4);
    expect(value('=50%+1')).toBe(1.5);
  });

  it('treat an empty field as Excel treats an empty cell', () => {
    const row = { a: null, t: '' };
    expect(value('=[a]+1', row)).toBe(1);
    expect(value('=[a]=0', row)).toBe(true);
    expect(value('=[a]=""', row)).toBe(true);
    expect(value('=[t]=""', row)).toBe(true);
    expect(value('=ЕПУСТО([a])', row)).toBe(true);
    expect(value('=ЕПУСТО([t])', row)).toBe(true);
    expect(value('=ЕПУСТО(0)', row)).toBe(false);
    expect(value('=[t]&"x"', row)).toBe('x');
    expect(value('=ДЛСТР([a])', row)).toBe(0);
    expect(value('=МИН([a]; 2)', row)).toBe(2);
    expect(value('=МАКС([a]; -2)', row)).toBe(-2);
    expect(value('=ЕСЛИ([a]; 1; 2)', row)).toBe(2);
    expect(value('=И([a]; ИСТИНА)', row)).toBe(true);
    expect(value('=И([a])', row)).toBe('#ЗНАЧ!');
    expect(value('=ЗНАЧЕН([t])', row)).toBe(0);
  });

  it('pass errors through and catch them where Excel does', () => {
    expect(value('=1/0')).toBe('#ДЕЛ/0!');
    expect(value('=[a]/[b]', { a: 1, b: null })).toBe('#ДЕЛ/0!');
    expect(value('=ЕСЛИОШИБКА(1/0; "нет")')).toBe('нет');
    expect(value('=ЕСЛИОШИБКА(1; "нет")')).toBe(1);
    expect(value('=ЕОШИБКА(1/0)')).toBe(true);
    expect(value('=И(ЛОЖЬ; 1/0)')).toBe('#ДЕЛ/0!');
    expect(value('=ЕСЛИ(ЛОЖЬ; 1/0; 2)')).toBe(2);
    expect(value('="а"+1')).toBe('#ЗНАЧ!');
    expect(value('=ЕСЛИ("да"; 1; 2)')).toBe('#ЗНАЧ!');
    expect(value('=НЕ("а")')).toBe('#ЗНАЧ!');
    expect(value('=1/0&"x"')).toBe('#ДЕЛ/0!');
    expect(value('=#Н/Д=1')).toBe('#Н/Д');
    expect(value('=ЕНД(#Н/Д)')).toBe(true);
    expect(value('=ЛЕВСИМВ("abc"; -1)')).toBe('#ЗНАЧ!');
    expect(value('=ГОД(-1)')).toBe('#ЧИСЛО!');
    expect(value('=ДАТА(10000; 1; 1)')).toBe('#ЧИСЛО!');
    expect(value('=0^-1')).toBe('#ДЕЛ/0!');
    expect(value('=0^0')).toBe('#ЧИСЛО!');
  });

  it('convert text, numbers and logical values as Excel does', () => {
    expect(value('="1"+1')).toBe(2);
    expect(value('="1,5"+1')).toBe(2.5);
    expect(value('="1 234,5"*2')).toBe(2469);
    expect(value('=ИСТИНА+1')).toBe(2);
    expect(value('=СУММ("1"; 2; ИСТИНА)')).toBe(4);
    expect(value('=СУММ([t]; 2)', { t: '5' })).toBe(2); // a text field is skipped, as a text cell is
    expect(value('=СЦЕП(1,5; "а"; ИСТИНА)')).toBe('1,5аИСТИНА');
    expect(value('=[a]&""', { a: 48.8 })).toBe('48,8');
    expect(value('=ЗНАЧЕН("15%")')).toBe(0.15);
    expect(value('=ЗНАЧЕН("абв")')).toBe('#ЗНАЧ!');
    expect(value('=ЕЧИСЛО("1")')).toBe(false);
    expect(value('=ЕТЕКСТ([t])', { t: 'x' })).toBe(true);
    expect(value('=1<"а"')).toBe(true);
    expect(value('="а"<ЛОЖЬ')).toBe(true);
    expect(value('="Казань"="казань"')).toBe(true);
    expect(value('="а"<"Б"')).toBe(true);
    expect(value('="ё"="е"')).toBe(false);
  });

  it('evaluate the functions a rule or a workbook column needs', () => {
    const row = { t: 'Казанский муниципальный район', a: 48.8, b: 41.73 };
    expect(value('=ЕСЛИ(И([a]>0; [a]>[b]); "да"; "")', row)).toBe('да');
    expect(value('=ЕСЛИ([a]<0; "да")', row)).toBe(false);
    expect(value('=ИЛИ([a]<0; [b]>40)', row)).toBe(true);
    expect(value('=ИСКЛИЛИ(ИСТИНА; ИСТИНА)', row)).toBe(false);
    expect(value('=ABS([b]-[a])', row)).toBe(7.07);
    expect(value('=МИН([a]; [b]; 50)', row)).toBe(41.73);
    expect(value('=МАКС([a]; [b])', row)).toBe(48.8);
    expect(value('=СРЗНАЧ([a]; [b])', row)).toBe(45.265);
    expect(value('=СЧЁТ([a]; [t]; 1)', row)).toBe(2);
    expect(value('=ДЛСТР([t])', row)).toBe(29);
    expect(value('=ЛЕВСИМВ([t])', row)).toBe('К');
    expect(value('=ЛЕВСИМВ([t]; 6)', row)).toBe('Казанс');
    expect(value('=ПРАВСИМВ([t]; 5)', row)).toBe('район');
    expect(value('=ПСТР([t]; 10; 5)', row)).toBe(' муни');
    expect(value('=ПОИСК("МУНИЦ"; [t])', row)).toBe(11);
    expect(value('=ПОИСК("к?з*й"; [t])', row)).toBe(1);
    expect(value('=ПОИСК("~*"; "a*b")', row)).toBe(2);
    expect(value('=НАЙТИ("М"; [t])', row)).toBe('#ЗНАЧ!');
    expect(value('=НАЙТИ("н"; [t]; 12)', row)).toBe(13);
    expect(value('=СЦЕПИТЬ("а"; "б")', row)).toBe('аб');
    expect(value('=ПРОПИСН("ё")', row)).toBe('Ё');
    expect(value('=СЖПРОБЕЛЫ("  а   б ")', row)).toBe('а б');
    expect(value('=ЗНАЧЕН("1 234,56")', row)).toBe(1234.56);
    expect(value('=ЗНАЧЕН("1234.56")', row)).toBe(1234.56);
  });

  it('compute dates as serial numbers and take today from the caller', () => {
    expect(evaluate('=СЕГОДНЯ()', [{}], '2026-05-15')).toEqual([46157]);
    expect(value('=ДАТА(2024; 2; 29)')).toBe(45351);
    expect(value('=ДАТА(2024; 13; 1)')).toBe(45658);
    expect(value('=ДАТА(99; 1; 1)')).toBe(36161);
    expect(value('=ГОД(ДАТА(2024; 2; 30))')).toBe(2024);
    expect(value('=МЕСЯЦ(ДАТА(2024; 2; 30))')).toBe(3);
    expect(value('=ДЕНЬ(ДАТА(2024; 2; 30))')).toBe(1);
    expect(value('=ГОД("01.02.1990")')).toBe(1990);
    expect(value('=ДАТА(2026; 5; 15)-ДАТА(2026; 1; 1)')).toBe(134);
  });

  it('format numbers and dates with ТЕКСТ, in Russian whichever spelling', () => {
    expect(value('=ТЕКСТ(1234,5; "# ##0,00")')).toBe('1 234,50');
    expect(value('=TEXT(1234.5, "#,##0.00")')).toBe('1 234,50');
    expect(value('=ТЕКСТ(1234,5; "0")')).toBe('1235');
    expect(value('=ТЕКСТ(0,285; "0,00")')).toBe('0,29');
    expect(value('=ТЕКСТ(-0,001; "0,00")')).toBe('0,00');
    expect(value('=ТЕКСТ(0,125; "0,0%")')).toBe('12,5%');
    expect(value('=ТЕКСТ(7; "00")')).toBe('07');
    expect(value('=ТЕКСТ(1,5; "0,###")')).toBe('1,5');
    expect(value('=ТЕКСТ(159,08; "0,00 ""руб.""")')).toBe('159,08 руб.');
    expect(value('=ТЕКСТ(ДАТА(2024; 3; 5); "ДД.ММ.ГГГГ")')).toBe('05.03.2024');
    expect(value('=TEXT(DATE(2024, 3, 5), "dd.mm.yy")')).toBe('05.03.24');
    expect(value('=ТЕКСТ(ДАТА(2024; 3; 5); "ММММ ГГГГ")')).toBe('март 2024');
    expect(value('=ТЕКСТ("абв"; "0")')).toBe('абв');
  });

  it('refuse what it cannot evaluate, with the position and a Russian reason', () => {
    const problem = (f: string) => {
      const c = compileRowFormula(f, ['a', 'b'], { prefer: 'ru' });
      return c.ok ? null : { ...c.problem, spreadsheet: Boolean(c.spreadsheet) };
    };
    expect(problem('=[a]+[c]')).toEqual({ position: 6, message: 'неизвестное поле [c]; доступны: a, b', spreadsheet: false });
    expect(problem('=a+1')).toEqual({ position: 2, message: 'неизвестное имя «a»: поля пишутся в квадратных скобках, например [a]', spreadsheet: false });
    expect(problem('=$A$1+1')).toMatchObject({ position: 2, spreadsheet: true });
    expect(problem('=ВПР([a]; A1:B3; 2)')).toEqual({ position: 2, message: 'функция «ВПР» вычисляется только в таблице', spreadsheet: true });
    expect(problem('=ЕСЛИ(1; 2; 3; 4)')).toEqual({ position: 2, message: 'функция «ЕСЛИ» принимает от 2 до 3 аргументов, а здесь 4', spreadsheet: false });
    expect(problem('=НЕ()')).toEqual({ position: 2, message: 'функция «НЕ» принимает 1 аргумент, а здесь 0', spreadsheet: false });
    expect(problem('=СЕГОДНЯ(1)')).toEqual({ position: 2, message: 'функция «СЕГОДНЯ» не принимает аргументов, а здесь 1', spreadsheet: false });
    expect(problem('=И()')).toEqual({ position: 2, message: 'функция «И» принимает не меньше 1 аргумента, а здесь 0', spreadsheet: false });
    expect(problem('=ЕСЛИ([a]>0; TRUE; 0)')).toEqual({ position: 14, message: '«TRUE» в русской записи пишется «ИСТИНА»', spreadsheet: false });
    expect(problem('=[A]+[B]')).toBeNull(); // field names ignore case
  });

  it('run over many rows with the fields a caller plugs in', () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({ a: i / 4, b: i % 3 === 0 ? null : 3 }));
    const out = evaluate('=ЕСЛИ([a]>1,5*[b]; "рост"; "")', rows);
    expect(out).toEqual(rows.map((r) => (r.a > 1.5 * (r.b ?? 0) ? 'рост' : '')));
    // a workbook's columns: kopecks, 10⁻⁴ volumes, dates and text, each read as its kind
    const c = compileRowFormula('=ЕСЛИ([дата]>ДАТА(2000;1;1); ОКРУГЛ([сумма]*[объём]; 2); [район])', ['сумма', 'объем', 'дата', 'район'], { prefer: 'ru' });
    if (!c.ok) throw new Error(c.problem.message);
    const columns: Record<string, Column> = {
      сумма: { kind: 'number', values: [12345, 707, Number.NaN], scale: 2 },
      объем: { kind: 'number', values: [225_000, 10_000, 10_000], scale: 4 },
      дата: { kind: 'date', values: [36_600, 36_000, Number.NaN] },
      район: { kind: 'text', values: ['', 'Абатский', 'Казанский'] },
    };
    expect(evaluateColumn(c.formula, columns, 3, { today: 0 }).map(shown)).toEqual([2777.63, 'Абатский', 'Казанский']);
  });
});
