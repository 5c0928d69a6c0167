/**
 * The fields of each source, declared once: the server reads exactly these (`server/workbooks/sources.ts`), the
 * workspace offers them in its menus and checks formulas against them as they are typed, before any data arrives.
 */
import type { Field } from './data.ts';
import type { SourceKind } from './types.ts';

const num = (name: string, title: string, scale = 0): Field => ({ name, title, type: 'number', scale });
const money = (name: string, title: string): Field => ({ name, title, type: 'number', scale: 2, money: true });
const text = (name: string, title: string): Field => ({ name, title, type: 'text' });
const date = (name: string, title: string): Field => ({ name, title, type: 'date' });

export const SOURCE_FIELDS: Record<Exclude<SourceKind, 'sheet'>, readonly Field[]> = {
  registry_rows: [
    num('registry_id', '№ реестра'),
    text('period', 'Период'),
    text('service', 'Услуга'),
    text('rso_inn', 'ИНН РСО'),
    text('rso_name', 'РСО'),
    text('district', 'Район'),
    text('registry_status', 'Статус реестра'),
    num('row_no', 'Строка'),
    text('address', 'Адрес'),
    text('fias_id', 'ФИАС'),
    text('settlement', 'Поселение'),
    num('eot', 'ЭОТ', 4),
    num('lt', 'ЛТ', 4),
    num('v_living', 'Объём жилых', 4),
    num('v_odn', 'Объём ОДН', 4),
    num('v', 'Объём', 4),
    money('subsidy', 'Субсидия'),
    money('expected_subsidy', 'Расчётная субсидия'),
    text('row_status', 'Статус строки'),
    text('failed_checks', 'Не пройдены проверки'),
    num('v_water', 'Объём ХВС + ГВС дома', 4),
    num('avg_12m', 'Средний объём за 12 мес.', 4),
    num('v_prev1', 'Объём месяц назад', 4),
    num('v_prev2', 'Объём 2 мес. назад', 4),
    num('v_prev3', 'Объём 3 мес. назад', 4),
  ],
  houses: [
    text('fias_id', 'ФИАС'),
    text('address', 'Адрес'),
    text('district', 'Район'),
    text('settlement', 'Поселение'),
    text('house_type', 'Тип дома'),
    text('heating_type', 'Отопление'),
    num('area', 'Площадь', 2),
    num('residents', 'Жильцов'),
    date('commissioned', 'Ввод в эксплуатацию'),
    text('group_id', 'Группа'),
    money('standard', 'Стандарт (наниматель, 1 чел., отоп. период)'),
    text('service', 'Услуга'),
    num('tariff', 'Тариф', 4),
    num('norm', 'Норматив', 4),
    text('norm_unit', 'Ед. норматива'),
    text('heating_only', 'Только в отоп. период'),
    text('decision_id', 'Решение БПТР'),
  ],
  bptr: [
    text('decision_id', 'Решение'),
    text('rso_inn', 'ИНН РСО'),
    text('service', 'Услуга'),
    text('district', 'Район'),
    text('settlement', 'Поселение'),
    date('valid_from', 'Действует с'),
    date('valid_to', 'Действует по'),
    date('commissioned_from', 'Ввод с'),
    date('commissioned_to', 'Ввод по'),
    text('tariff_kind', 'Вид тарифа'),
    num('eot', 'ЭОТ', 4),
    num('lt', 'ЛТ', 4),
  ],
  registries: [
    num('registry_id', '№ реестра'),
    text('period', 'Период'),
    text('service', 'Услуга'),
    text('rso_inn', 'ИНН РСО'),
    text('rso_name', 'РСО'),
    text('district', 'Район'),
    text('status', 'Статус'),
    text('is_correction', 'Корректировка'),
    date('registered_at', 'Зарегистрирован'),
    money('declared_sum', 'Заявлено'),
    money('agreed_sum', 'Согласовано'),
    money('rejected_sum', 'Отклонено'),
    num('rows_total', 'Строк'),
    num('rows_failed', 'Строк с замечаниями'),
  ],
};
