import { describe, expect, it } from 'vitest';
import calendar from '../../templates/calendar/ru-production-calendar.json' with { type: 'json' };
import { addWorkingDays, deadlineState, isWorkingDay, workCalendar, workingDaysLeft, type ProductionCalendar } from './working-days.ts';

const cal = workCalendar(calendar as ProductionCalendar);

function workingDaysOfYear(year: number): number {
  let n = 0;
  for (let t = Date.UTC(year, 0, 1); new Date(t).getUTCFullYear() === year; t += 86_400_000) if (isWorkingDay(cal, new Date(t).toISOString().slice(0, 10))) n++;
  return n;
}

describe('production calendar', () => {
  it('has the official number of working days per year', () => {
    // published totals of the production calendars for a 5-day week
    expect(workingDaysOfYear(2023)).toBe(247);
    expect(workingDaysOfYear(2024)).toBe(248);
    expect(workingDaysOfYear(2025)).toBe(247);
    expect(workingDaysOfYear(2026)).toBe(247);
  });

  it('knows holidays, transferred days off and working Saturdays', () => {
    expect(isWorkingDay(cal, '2024-01-08')).toBe(false);
    expect(isWorkingDay(cal, '2024-04-27')).toBe(true); // working Saturday
    expect(isWorkingDay(cal, '2024-04-29')).toBe(false); // transferred day off
    expect(isWorkingDay(cal, '2026-01-09')).toBe(false);
    expect(isWorkingDay(cal, '2026-03-09')).toBe(false); // 8 March on a Sunday
    expect(isWorkingDay(cal, '2026-03-10')).toBe(true);
    expect(isWorkingDay(cal, '2030-01-03')).toBe(false); // outside the calendar: ст. 112 holidays still hold
    expect(isWorkingDay(cal, '2030-01-10')).toBe(true);
  });
});

describe('deadlines', () => {
  it('counts working days after the registration date', () => {
    expect(addWorkingDays(cal, '2026-09-01', 5)).toBe('2026-09-08'); // Tue → next Tue
    expect(addWorkingDays(cal, '2026-09-04', 1)).toBe('2026-09-07'); // Fri → Mon
    expect(addWorkingDays(cal, '2026-12-29', 5)).toBe('2027-01-14'); // over the new year holidays
    expect(addWorkingDays(cal, '2026-05-08', 1)).toBe('2026-05-12'); // 9 May on Saturday moves to Monday 11
    expect(addWorkingDays(cal, '2026-09-01', 0)).toBe('2026-09-01');
  });

  it('days left is negative past the deadline and states follow it', () => {
    expect(workingDaysLeft(cal, '2026-09-01', '2026-09-08')).toBe(5);
    expect(workingDaysLeft(cal, '2026-09-08', '2026-09-08')).toBe(0);
    expect(workingDaysLeft(cal, '2026-09-14', '2026-09-11')).toBe(-1); // Fri missed, Mon today
    expect(workingDaysLeft(cal, '2026-09-12', '2026-09-11')).toBe(0); // Saturday after: no working day lost yet
    expect(deadlineState('2026-09-12', '2026-09-11', 0)).toBe('overdue');
    expect(deadlineState('2026-09-07', '2026-09-08', 1)).toBe('due-soon');
    expect(deadlineState('2026-09-01', '2026-09-08', 5)).toBe('ok');
  });
});
