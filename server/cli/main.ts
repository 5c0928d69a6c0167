import type { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { importProgressText } from '../../formulas/reference/import-progress.ts';
import { formatProblem } from '../../formulas/problem.ts';
import { REFERENCE_KINDS, type ReferenceKind } from '../../formulas/reference/types.ts';
import { verifyAuditChain } from '../audit/audit-log.ts';
import { verifyAnchoredChain, writeCheckpoint } from '../audit/checkpoints.ts';
import { loadPublicKey, loadSigningKey } from '../audit/signing-key.ts';
import { readConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { generateDemoRegion } from '../demo/generate.ts';
import { importReference } from '../reference/import-reference.ts';
import { checkCommand } from './check-command.ts';
import { gisDiffCommand } from './gis-diff-command.ts';
import { standardsCommand } from './standards-command.ts';
import { workbookCommand } from './workbook-command.ts';
import { subsidyCommand } from './subsidy-command.ts';
import { firstLineOfStdin, USER_USAGE, userCommand } from './user-command.ts';

const USAGE = `Сверка — командная строка

  sverka import <вид> ФАЙЛ                             загрузить справочник (csv или xlsx) в базу; вид: houses, tariffs,
                                                       organisations, house_services, mo_rates, gis_houses
  sverka demo [--houses N] [--seed S] [--out КАТАЛОГ]   сгенерировать файлы демо-региона
  sverka verify-audit [--public-key ФАЙЛ]              проверить цепочку журнала аудита; с ключом — и по подписанным
                                                       контрольным точкам (переписанная и пересчитанная цепочка)
  sverka audit-key                                     открытый ключ подписи журнала аудита (PEM): храните его отдельно
  sverka check --reference КАТАЛОГ --registries КАТАЛОГ --registry ФАЙЛ --json ВЫХОД [--rules ФАЙЛ]
                                                       десять проверок реестра и правила-формулы (шаблона или
                                                       из --rules, по-русски или по-английски) без базы
  sverka standards --reference КАТАЛОГ --json ВЫХОД     группы домов и стандарты ЖКУ по файлам, без базы
  sverka gis-diff --before КАТАЛОГ --after КАТАЛОГ --json ВЫХОД
                                                       изменения характеристик домов между двумя выгрузками
  sverka subsidy < ВХОД.json                           субсидия семьи (JSON на вводе и выводе; --help — формат)
  sverka workbook run ФАЙЛ --json ВЫХОД [--role РОЛЬ]   вычислить рабочую книгу по базе (листы, сводные) в JSON
${USER_USAGE}

База: DATABASE_URL, иначе встроенная в ./data (SVERKA_DATA_DIR); сервер при этом должен быть остановлен.`;

/** Exit codes: 0 done, 1 failed, 2 unreadable input or bad usage. */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'import':
      return importCommand(rest);
    case 'demo':
      return demoCommand(rest);
    case 'verify-audit':
      return verifyCommand(rest);
    case 'audit-key':
      return auditKeyCommand();
    case 'check':
      return checkCommand(rest);
    case 'standards':
      return standardsCommand(rest);
    case 'gis-diff':
      return gisDiffCommand(rest);
    case 'subsidy':
      return subsidyCommand(rest);
    case 'workbook':
      return workbookCommand(rest, withDatabase);
    case 'user':
      return withDatabase((sql) => userCommand(sql, rest, { readPassword: firstLineOfStdin, out: (l) => console.log(l), err: (l) => console.error(l) }));
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      console.error(`Неизвестная команда «${command}»\n\n${USAGE}`);
      return 2;
  }
}

async function withDatabase<T>(fn: (sql: Awaited<ReturnType<typeof openDatabase>>['sql']) => Promise<T>): Promise<T> {
  const config = readConfig();
  const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(db.sql);
    return await fn(db.sql);
  } finally {
    await db.close();
  }
}

async function importCommand(args: string[]): Promise<number> {
  const [kind, file] = args;
  if (!kind || !(REFERENCE_KINDS as readonly string[]).includes(kind) || !file) {
    console.error(`Укажите вид справочника (${REFERENCE_KINDS.join(', ')}) и файл\n\n${USAGE}`);
    return 2;
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch {
    console.error(`Не удалось прочитать файл ${file}`);
    return 2;
  }
  const config = readConfig();
  const signingKey = loadSigningKey({ key: config.auditKey, keyFile: config.auditKeyFile, dataDir: config.dataDir });
  const outcome = await withDatabase(async (sql) => {
    let shown = '';
    let at = 0;
    const o = await importReference(sql, { kind: kind as ReferenceKind, fileName: basename(file), bytes, actorId: null }, (p) => {
      // rows read, checked and written, at most once a second (a new phase at once), on stderr beside the result
      if (p.phase === shown && performance.now() - at < 1000) return;
      shown = p.phase;
      at = performance.now();
      console.error(importProgressText(p));
    });
    // the import's audit record is signed at once, as the server signs its own
    if (o.ok) await writeCheckpoint(sql, signingKey);
    return o;
  });
  if (!outcome.ok) {
    console.error(`Файл не загружен, ничего не изменено. Ошибок: ${outcome.problems.length}`);
    for (const p of outcome.problems) console.error(formatProblem(p));
    return 2;
  }
  console.log(`Загружено ${outcome.rows} строк: добавлено ${outcome.inserted}, изменено ${outcome.updated}, без изменений ${outcome.unchanged}; версия ${outcome.version}`);
  return 0;
}

async function demoCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { houses: { type: 'string', default: '20000' }, seed: { type: 'string', default: '72' }, out: { type: 'string', default: 'demo-data' } } });
  const started = Date.now();
  const summary = await generateDemoRegion({ outDir: values.out, houses: Number(values.houses), seed: Number(values.seed), log: (m) => console.log(m) });
  console.log(`Готово за ${((Date.now() - started) / 1000).toFixed(1)} с: ${JSON.stringify(summary.counts ?? summary)}`);
  return 0;
}

async function verifyCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { 'public-key': { type: 'string' } } });
  const keyFile = values['public-key'];
  if (!keyFile) {
    const verdict = await withDatabase((sql) => verifyAuditChain(sql));
    if (!verdict.ok) {
      console.error(verdict.message);
      return 1;
    }
    console.log(`Цепочка журнала аудита цела: ${verdict.records} записей (без ключа переписанную и пересчитанную цепочку не отличить: укажите --public-key)`);
    return 0;
  }
  let publicKey: KeyObject;
  try {
    publicKey = loadPublicKey(keyFile);
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    return 2;
  }
  const verdict = await withDatabase((sql) => verifyAnchoredChain(sql, publicKey));
  if (!verdict.ok) {
    console.error(verdict.message);
    return 1;
  }
  const last = verdict.last;
  console.log(`Журнал аудита цел: ${verdict.records} записей; контрольных точек ${verdict.checkpoints}` +
    (last ? `, последняя №${last.id} от ${last.at.replace('T', ' ').slice(0, 19)} UTC заверяет записи до №${last.headId}` : '') +
    (verdict.uncovered > 0 ? `; после неё ещё ${verdict.uncovered} записей, их заверит следующая` : ''));
  return 0;
}

function auditKeyCommand(): number {
  const config = readConfig();
  const key = loadSigningKey({ key: config.auditKey, keyFile: config.auditKeyFile, dataDir: config.dataDir });
  process.stdout.write(key.publicKey.export({ format: 'pem', type: 'spki' }).toString());
  console.error(`ключ ${key.keyId} (${key.source})`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
