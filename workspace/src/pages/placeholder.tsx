import type { Section } from '../sections.ts';

/** An honest page for a section that does not exist yet: what it will do, and no invented data. */
export function PlaceholderPage({ section }: { section: Section }) {
  return (
    <section class="page page--placeholder" aria-labelledby="page-title">
      <h1 id="page-title">{section.title}</h1>
      <div class="placeholder">
        <p class="placeholder__lead">Раздел появится в следующей версии</p>
        <p>{section.upcoming}</p>
      </div>
    </section>
  );
}
