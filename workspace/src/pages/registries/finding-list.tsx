import type { RegistryFinding } from '../../../../formulas/checks/registry-checks.ts';

/** Registry-level findings (ИНН, ФНС status, duplicate registry): refusals first, each with its message. */
export function FindingList({ findings }: { findings: readonly RegistryFinding[] }) {
  if (findings.length === 0) return null;
  const sorted = [...findings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'refusal' ? -1 : 1));
  return (
    <ul class="registries-findings" aria-label="Регистрационные проверки">
      {sorted.map((f) => (
        <li key={f.code} class={`registries-findings__item registries-findings__item--${f.severity}`} data-finding={f.code}>
          <span class="registries-findings__kind">{f.severity === 'refusal' ? 'Отказ' : 'Предупреждение'}</span>
          <span>{f.message}</span>
        </li>
      ))}
    </ul>
  );
}
