import { useEffect, useState } from 'preact/hooks';
import { api, messageOf, unwrap } from '../../api.ts';
import { useDebounced } from '../../use-debounced.ts';
import type { FoundHouse } from './calc-state.ts';
import { ErrorLine } from '../../error-line.tsx';

/** Houses whose address has every word typed (the server needs 3 characters at least). */
export function useAddressSearch(text: string): { houses: FoundHouse[]; searching: boolean; error: string | null; tooShort: boolean } {
  const q = useDebounced(text.trim(), 250);
  const [houses, setHouses] = useState<FoundHouse[]>([]);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (q.length < 3) {
      setHouses([]);
      return;
    }
    let live = true;
    setSearching(true);
    unwrap(api.calculator.houses.$get({ query: { q } })).then(
      (r) => {
        if (!live) return;
        setHouses(r.houses);
        setError(null);
        setSearching(false);
      },
      (e: unknown) => {
        if (!live) return;
        setError(messageOf(e));
        setSearching(false);
      },
    );
    return () => {
      live = false;
    };
  }, [q]);
  return { houses, searching, error, tooShort: q.length < 3 };
}

/** A search box and the houses it finds, each a button that picks the house. */
export function AddressSearch({ id, onPick, autoFocus = false }: { id: string; onPick: (h: FoundHouse) => void; autoFocus?: boolean }) {
  const [text, setText] = useState('');
  const { houses, searching, error, tooShort } = useAddressSearch(text);
  return (
    <div class="calc-search">
      <input
        id={id}
        type="search"
        class="calc-input"
        placeholder="Например: Тюмень, Мира 7"
        autoComplete="off"
        autoFocus={autoFocus}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      {error && <ErrorLine>{error}</ErrorLine>}
      {!tooShort && !searching && houses.length === 0 && !error && <p class="calc-hint">Дом не найден. Проверьте адрес или введите стандарт вручную.</p>}
      {houses.length > 0 && (
        <ul class="calc-search__list" aria-label="Найденные дома">
          {houses.map((h) => (
            <li key={h.fias_id}>
              <button type="button" class="calc-search__house" onClick={() => onPick(h)}>
                {h.address}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
