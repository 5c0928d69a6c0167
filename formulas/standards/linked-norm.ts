/**
 * The house check «Норматив ВО не равен сумме нормативов ХВС и ГВС» (DOMAIN.md «Linked services»): a house
 * charged for sewerage by norm should have the norm of the water that flows in, cold plus hot.
 */
import { fmtScaled4 } from '../checks/format.ts';
import { COLD_WATER, HOT_WATER, SEWERAGE } from '../checks/linked-services.ts';
import type { HouseService } from '../reference/types.ts';

export interface LinkedNormVerdict {
  status: 'passed' | 'failed' | 'skipped';
  /** Empty when passed. */
  reason: string;
}

const UNIT_TEXT = { чел: 'на чел.', м2: 'на м²' } as const;
const norm = (v: number): string => fmtScaled4(v, 2);

/** Norms compared exactly, in integers of 10^-4; a missing ГВС line counts as 0. */
export function linkedNormCheck(services: readonly HouseService[]): LinkedNormVerdict {
  const lines = (code: string) => services.filter((s) => s.service === code);
  const vo = lines(SEWERAGE);
  const cold = lines(COLD_WATER);
  const hot = lines(HOT_WATER);
  if (vo.length === 0) return { status: 'skipped', reason: 'В доме нет норматива ВО' };
  const twice = ([[SEWERAGE, vo], [COLD_WATER, cold], [HOT_WATER, hot]] as const).filter(([, l]) => l.length > 1).map(([code]) => code);
  if (twice.length > 0) return { status: 'skipped', reason: `Услуга указана дважды: ${twice.join(', ')}` };
  const [v, x, g] = [vo[0], cold[0], hot[0]];
  if (!v) return { status: 'skipped', reason: 'В доме нет норматива ВО' };
  if (!x) return { status: 'skipped', reason: 'В доме нет норматива ХВС' };
  const units = [v, x, ...(g ? [g] : [])];
  if (units.some((s) => s.norm_unit !== v.norm_unit)) {
    return { status: 'failed', reason: `Разные единицы нормативов: ${units.map((s) => `${s.service} ${UNIT_TEXT[s.norm_unit]}`).join(', ')}` };
  }
  const sum = x.norm + (g?.norm ?? 0);
  if (v.norm === sum) return { status: 'passed', reason: '' };
  return {
    status: 'failed',
    reason: `Норматив ВО ${norm(v.norm)} ${UNIT_TEXT[v.norm_unit]} не равен сумме ХВС ${norm(x.norm)}${g ? ` + ГВС ${norm(g.norm)}` : ' (ГВС нет)'} = ${norm(sum)}`,
  };
}
