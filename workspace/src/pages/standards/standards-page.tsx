import { useState } from 'preact/hooks';
import type { SessionUser } from '../../../../server/contract/auth.ts';
import { GroupsView } from './groups-view.tsx';
import { HouseRegistry } from './house-registry.tsx';
import { MoRates } from './mo-rates.tsx';
import './standards.css';
import { VersionsView } from './versions-view.tsx';

const TABS = [
  { id: 'houses', title: 'Реестр домов' },
  { id: 'groups', title: 'Стандарты' },
  { id: 'rates', title: 'Справочники МО' },
  { id: 'versions', title: 'Версии и прогноз' },
] as const;

type Tab = (typeof TABS)[number]['id'];

/** Стандарты: the house registry with ГИС ЖКХ checks, standards by group, МО directories, versions. */
export function StandardsPage({ user }: { user: SessionUser }) {
  const [tab, setTab] = useState<Tab>('houses');
  return (
    <div class="page standards">
      <header class="page__header">
        <h1>Региональные стандарты стоимости ЖКУ</h1>
        <div class="standards-tabs" role="tablist" aria-label="Разделы стандартов">
          {TABS.map((t) => (
            <button key={t.id} type="button" role="tab" class="standards-tab" aria-selected={tab === t.id} onClick={() => setTab(t.id)}>
              {t.title}
            </button>
          ))}
        </div>
      </header>
      {tab === 'houses' && <HouseRegistry />}
      {tab === 'groups' && <GroupsView user={user} />}
      {tab === 'rates' && <MoRates user={user} />}
      {tab === 'versions' && <VersionsView user={user} />}
    </div>
  );
}
