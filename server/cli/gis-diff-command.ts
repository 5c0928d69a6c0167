import { existsSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { GisHouse, House, HouseService, MoRate, ReferenceKind } from '../../formulas/reference/types.ts';
import { diffHouseData } from '../../formulas/standards/house-changes.ts';
import { standardParams } from '../../formulas/standards/params.ts';
import { standardParamsTemplate } from '../../templates/index.ts';
import { listTableFiles, loadReferenceKinds, UnreadableInput } from '../checks/load-files.ts';

export const GIS_DIFF_USAGE = `sverka gis-diff --before КАТАЛОГ --after КАТАЛОГ --json ВЫХОД

  Изменения характеристик домов между двумя выгрузками: houses и gis_houses из каждого каталога, house_services и
  mo_rates из --after (по ним считаются группы стандартов до и после). Результат — JSON:
  { "houses": [{ "fias_id", "added", "removed", "changes": [{ "source", "field", "before", "after" }], "group_changed" }],
    "summary": { "houses_changed", "added", "removed", "groups_changed" } }
  В списке только дома с изменениями, добавленные или удалённые. Значения — текст в нормализованном виде (площадь
  «1000.50», даты ISO, пустое — null); текст сравнивается без учёта регистра, ё/е, пробелов и знаков препинания,
  типы отопления ГИС ЖКХ — как множество. Файла нет в каталоге — он считается пустым (сказано в stderr).
  Код выхода 0 — сравнение выполнено, 2 — файлы не прочитаны (ошибки в stderr).`;

/** The kinds a directory has (by file name, as `loadReferenceKinds` finds them), read; the missing ones noted and empty. */
async function readKinds<K extends ReferenceKind>(dir: string, kinds: readonly K[], note: (m: string) => void): Promise<Record<K, unknown[]>> {
  const names = listTableFiles(dir).map((f) => basename(f).toLowerCase());
  const present = kinds.filter((k) => names.some((n) => n.startsWith(k)));
  for (const k of kinds) if (!present.includes(k)) note(`${dir}: нет файла «${k}» (csv или xlsx), он считается пустым`);
  const read = await loadReferenceKinds(dir, present);
  return Object.fromEntries(kinds.map((k) => [k, (read as Partial<Record<K, unknown[]>>)[k] ?? []])) as Record<K, unknown[]>;
}

/** `sverka gis-diff`: exit 0 when compared, 2 on bad usage or unreadable files. */
export async function gisDiffCommand(args: string[]): Promise<number> {
  let values: { before?: string; after?: string; json?: string };
  try {
    values = parseArgs({ args, options: { before: { type: 'string' }, after: { type: 'string' }, json: { type: 'string' } } }).values;
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n\n${GIS_DIFF_USAGE}`);
    return 2;
  }
  if (!values.before || !values.after || !values.json) {
    console.error(`Не хватает параметров.\n\n${GIS_DIFF_USAGE}`);
    return 2;
  }
  for (const dir of [values.before, values.after]) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      console.error(`Каталог «${dir}» не найден`);
      return 2;
    }
  }
  const notes: string[] = [];
  try {
    const before = await readKinds(values.before, ['houses', 'gis_houses'] as const, (m) => notes.push(m));
    const after = await readKinds(values.after, ['houses', 'gis_houses', 'house_services', 'mo_rates'] as const, (m) => notes.push(m));
    if (before.houses.length + before.gis_houses.length === 0 || after.houses.length + after.gis_houses.length === 0) {
      throw new UnreadableInput([{ file: before.houses.length + before.gis_houses.length === 0 ? values.before : values.after, message: 'нет ни домов (houses), ни выгрузки ГИС ЖКХ (gis_houses)' }]);
    }
    const diff = diffHouseData(
      { houses: before.houses as House[], gis: before.gis_houses as GisHouse[] },
      { houses: after.houses as House[], gis: after.gis_houses as GisHouse[] },
      { services: after.house_services as HouseService[], moRates: after.mo_rates as MoRate[] },
      standardParams(standardParamsTemplate),
    );
    writeFileSync(values.json, JSON.stringify({ houses: diff.houses, summary: diff.summary }, null, 1));
    for (const n of notes) console.error(n);
    const s = diff.summary;
    console.log(`Изменено домов: ${s.houses_changed}, добавлено ${s.added}, удалено ${s.removed}, сменили группу ${s.groups_changed}. Результат: ${values.json}`);
    return 0;
  } catch (e) {
    if (e instanceof UnreadableInput) {
      console.error(e.message);
      return 2;
    }
    throw e;
  }
}
