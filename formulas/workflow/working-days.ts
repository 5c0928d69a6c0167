/**
 * Working days of the Russian production calendar: Saturdays and Sundays are days off unless the calendar
 * makes them working, holidays and transferred days off are days off. The calendar is data
 * (templates/calendar/ru-production-calendar.json); these functions only read it. Dates are ISO `YYYY-MM-DD`.
 */

/** The calendar file's shape. */
export interface ProductionCalendar {
  years: Record<string, { holidays: string[]; daysOff: { date: string }[]; workingWeekends: string[] }>;
}

/** The calendar as two sets, built once. */
export interface WorkCalendar {
  off: ReadonlySet<string>;
  working: ReadonlySet<string>;
}

/** Holidays of ст. 112 ТК РФ, for years the calendar does not list. */
const FIXED_HOLIDAYS = ['01-01', '01-02', '01-03', '01-04', '01-05', '01-06', '01-07', '01-08', '02-23', '03-08', '05-01', '05-09', '06-12', '11-04'];

export function workCalendar(c: ProductionCalendar): WorkCalendar {
  const off = new Set<string>();
  const working = new Set<string>();
  for (const y of Object.values(c.years)) {
    for (const d of y.holidays) off.add(d);
    for (const d of y.daysOff) off.add(d.date);
    for (const d of y.workingWeekends) working.add(d);
  }
  return { off, working };
}

const DAY = 86_400_000;
const toTime = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);
const toIso = (t: number): string => new Date(t).toISOString().slice(0, 10);

export function isWorkingDay(cal: WorkCalendar, iso: string): boolean {
  if (cal.working.has(iso)) return true;
  if (cal.off.has(iso)) return false;
  const year = iso.slice(0, 4);
  // a year outside the calendar: weekends and the fixed holidays only
  if (!cal.off.has(`${year}-01-01`) && FIXED_HOLIDAYS.includes(iso.slice(5))) return false;
  const wd = new Date(toTime(iso)).getUTCDay();
  return wd !== 0 && wd !== 6;
}

/** The date `n` working days after `from` (the day of `from` itself does not count), n ≥ 0. */
export function addWorkingDays(cal: WorkCalendar, from: string, n: number): string {
  let t = toTime(from);
  let left = n;
  while (left > 0) {
    t += DAY;
    if (isWorkingDay(cal, toIso(t))) left--;
  }
  return toIso(t);
}

/**
 * Working days from `today` to `deadline`: the working days after today up to and including the deadline
 * (0 = due today). Once the deadline has passed, minus the working days after it up to and including today,
 * so a deadline missed on Friday reads «просрочено на 1 раб. дн.» on Monday.
 */
export function workingDaysLeft(cal: WorkCalendar, today: string, deadline: string): number {
  if (deadline === today) return 0;
  const forward = deadline > today;
  const [a, b] = forward ? [today, deadline] : [deadline, today];
  let count = 0;
  for (let t = toTime(a) + DAY, end = toTime(b); t <= end; t += DAY) if (isWorkingDay(cal, toIso(t))) count++;
  return forward || count === 0 ? count : -count;
}

export type DeadlineState = 'overdue' | 'due-soon' | 'ok';

/** Overdue once the deadline day has passed; due soon with at most `soonDays` working days left. */
export function deadlineState(today: string, deadline: string, daysLeft: number, soonDays = 1): DeadlineState {
  if (today > deadline) return 'overdue';
  return daysLeft <= soonDays ? 'due-soon' : 'ok';
}
