import { REFERENCE_KINDS, REFERENCE_TITLES, type ReferenceKind } from '../../../../formulas/reference/types.ts';

export { REFERENCE_KINDS, type ReferenceKind };

/** «Дома», «Тарифные решения (БПТР)», «Организации»: the kind as a label starts with a capital. */
export const referenceTitle = (kind: ReferenceKind): string => {
  const t = REFERENCE_TITLES[kind];
  return t.charAt(0).toUpperCase() + t.slice(1);
};
