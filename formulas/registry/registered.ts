/**
 * Registries already registered, as the checks of another one see them: which count (DOMAIN.md: checks 7 and 9
 * and the registry-level duplicate check ignore registries cancelled or refused registration, and their subsidies
 * were never claimed) and how a reason names one. The server's intake and history, the browser's pre-check and
 * analytics read these, so all of them say the same.
 */
import { periodKeyTitle } from './period.ts';

/** Statuses whose registries count for nothing: not seen by the checks, not summed as claimed money. */
export const NOT_COUNTED_STATUSES: readonly string[] = ['Отменен', 'Отказано в регистрации'];

export const isCounted = (status: string): boolean => !NOT_COUNTED_STATUSES.includes(status);

/** How a reason names another registry: «реестр № 12, МУП «Вода» (ИНН 7203000016), ХВС, август 2026». */
export const registryLabel = (r: { id: string | number; rsoName: string; rsoInn: string; service: string; /** `YYYY-MM` */ period: string }): string =>
  `реестр № ${r.id}, ${r.rsoName} (ИНН ${r.rsoInn}), ${r.service}, ${periodKeyTitle(r.period)}`;
