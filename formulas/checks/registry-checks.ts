import { parseInn } from '../ids/inn.ts';
import { periodTitle } from '../registry/period.ts';
import type { RegistryMeta } from '../registry/types.ts';
import type { ReferenceIndex } from './reference-index.ts';

/** A finding about the registry as a whole, at registration. A refusal blocks registration; a warning is shown. */
export interface RegistryFinding {
  code: 'inn_invalid' | 'inn_unknown' | 'organisation_status' | 'tax_debt' | 'duplicate_registry';
  severity: 'refusal' | 'warning';
  message: string;
}

/** A registry already registered, as the duplicate check needs it. */
export interface RegisteredRegistry {
  id: string;
  label: string;
  rsoInn: string;
  service: string;
  /** `YYYY-MM` */
  period: string;
  /** false when cancelled or refused registration */
  counts: boolean;
}

/**
 * DOMAIN.md's registry-level checks: the ИНН valid and known; a warning for a liquidated, bankrupt or
 * liquidating organisation or one with tax debt; refusal of a second registry for the same РСО, service
 * and period unless it is marked as a correction.
 */
export function registryFindings(meta: RegistryMeta, reference: ReferenceIndex, registered: readonly RegisteredRegistry[], isCorrection: boolean): RegistryFinding[] {
  const out: RegistryFinding[] = [];
  const inn = parseInn(meta.rsoInn);
  if (!inn.ok) out.push({ code: 'inn_invalid', severity: 'refusal', message: `ИНН РСО: ${inn.message}` });
  const org = inn.ok ? reference.organisations.get(inn.value) : undefined;
  if (inn.ok && !org) out.push({ code: 'inn_unknown', severity: 'refusal', message: `Организация с ИНН ${inn.value} не найдена в справочнике организаций` });
  if (org && org.status !== 'действует') out.push({ code: 'organisation_status', severity: 'warning', message: `По данным ФНС организация «${org.name}»: ${org.status}` });
  if (org?.taxDebt) out.push({ code: 'tax_debt', severity: 'warning', message: `По данным ФНС у организации «${org.name}» есть задолженность по налогам` });
  const twin = registered.find((r) => r.counts && r.rsoInn === meta.rsoInn && r.service === meta.service && r.period === meta.period.key);
  if (twin && !isCorrection) {
    out.push({ code: 'duplicate_registry', severity: 'refusal', message: `Реестр этой РСО по услуге ${meta.service} за ${periodTitle(meta.period)} уже зарегистрирован: ${twin.label}. Если это исправленный реестр, отметьте его как корректировку` });
  }
  return out;
}
