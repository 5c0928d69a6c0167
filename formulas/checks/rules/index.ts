import type { RowRule } from '../row-context.ts';
import { fiasRule } from './r1-fias.ts';
import { districtRule } from './r2-district.ts';
import { commissionedRule } from './r3-commissioned.ts';
import { eotRule } from './r4-eot.ts';
import { ltRule } from './r5-lt.ts';
import { diffAttrRule } from './r6-diff-attr.ts';
import { duplicatesRule } from './r7-duplicates.ts';
import { sumRule } from './r8-sum.ts';
import { volumeJumpRule } from './r9-volume-jump.ts';
import { linkedVolumesRule } from './r10-linked-volumes.ts';

/** The ten built-in row checks, in DOMAIN.md's order (checks 2 and 10 read check 1's verdict). */
export const BUILT_IN_RULES: readonly RowRule[] = [
  fiasRule, districtRule, commissionedRule, eotRule, ltRule, diffAttrRule, duplicatesRule, sumRule, volumeJumpRule, linkedVolumesRule,
];
