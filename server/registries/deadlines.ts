import { addWorkingDays, deadlineState, workCalendar, workingDaysLeft, type DeadlineState, type ProductionCalendar } from '../../formulas/workflow/working-days.ts';
import calendar from '../../templates/calendar/ru-production-calendar.json' with { type: 'json' };
import workflow from '../../templates/rules/workflow.json' with { type: 'json' };
import type { RegistryStatus } from '../contract/registries.ts';

const CAL = workCalendar(calendar as ProductionCalendar);

/** The day the regional office lives in (Тюменская область, UTC+5), not the server's. */
const TIME_ZONE = process.env.SVERKA_TIME_ZONE ?? 'Asia/Yekaterinburg';
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** ISO date of a moment in the office's time zone. */
export const localDate = (at: Date): string => dayFormat.format(at);
export const today = (): string => localDate(new Date());

/** Срок проверки and срок оформления: working days after the registration date (templates/rules/workflow.json). */
export function deadlinesOf(registeredOn: string): { check: string; finish: string } {
  return { check: addWorkingDays(CAL, registeredOn, workflow.check_days), finish: addWorkingDays(CAL, registeredOn, workflow.finish_days) };
}

export const OPEN_STATUSES: readonly RegistryStatus[] = ['Новый', 'В работе'];

const ddmmyyyy = (iso: string): string => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

export interface DeadlineView {
  daysLeft: number | null;
  finishDaysLeft: number | null;
  deadlineState: DeadlineState | null;
  executionMark: string | null;
}

/** Days left, state and the «отметка об исполнении» of a registry as of `on` (today by default). */
export function deadlineView(r: { status: RegistryStatus; checkDeadline: string | null; finishDeadline: string | null; completedOn: string | null }, on = today()): DeadlineView {
  if (r.status === 'Согласован' || r.status === 'Не согласован') {
    return { daysLeft: null, finishDaysLeft: null, deadlineState: null, executionMark: r.completedOn ? `Исполнено ${ddmmyyyy(r.completedOn)}` : 'Исполнено' };
  }
  if (!OPEN_STATUSES.includes(r.status) || !r.checkDeadline) return { daysLeft: null, finishDaysLeft: null, deadlineState: null, executionMark: null };
  const daysLeft = workingDaysLeft(CAL, on, r.checkDeadline);
  const state = deadlineState(on, r.checkDeadline, daysLeft, workflow.due_soon_days);
  return {
    daysLeft,
    finishDaysLeft: r.finishDeadline ? workingDaysLeft(CAL, on, r.finishDeadline) : null,
    deadlineState: state,
    executionMark: state === 'overdue' ? `Просрочено на ${Math.max(1, -daysLeft)} раб. дн.` : null,
  };
}
