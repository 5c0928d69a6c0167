import { useRef, useState } from 'preact/hooks';
import type { Colleague } from '../../../../server/contract/users.ts';
import { activeMention, insertMention, mentionName, storedMentions, suggestColleagues, type ActiveMention } from '../../collab/mentions.ts';
import { colourOf, initialsOf } from '../../collab/people.ts';

interface Props {
  label: string;
  value: string;
  onInput: (text: string) => void;
  /** the names chosen from the list so far, name → login (see useMentionText) */
  chosen: Map<string, string>;
  colleagues: readonly Colleague[];
  /** the author's login: not offered */
  self: string;
  rows?: number;
  placeholder?: string;
}

/** A comment longer than this is a document, not a remark (and the server takes updates up to 1 MB). */
const MAX_COMMENT_LENGTH = 4000;

/**
 * A comment box's text and the colleagues chosen in it: the box shows `@Имя Фамилия`, `stored()` gives the text
 * with those names as `@login` (what the shared document reads mentions from; a comment shows them as names).
 */
export function useMentionText(): { text: string; setText: (t: string) => void; chosen: Map<string, string>; stored: () => string; clear: () => void } {
  const [text, setText] = useState('');
  const chosen = useRef(new Map<string, string>()).current;
  return {
    text,
    setText,
    chosen,
    stored: () => storedMentions(text.trim(), chosen),
    clear: () => {
      setText('');
      chosen.clear();
    },
  };
}

/**
 * A comment box that offers colleagues after `@`: by login or by a word of the name, chosen with a click,
 * Enter or Tab (arrows move, Escape closes); the chosen colleague is written as `@Имя Фамилия` and remembered
 * in `chosen`, so the mention still names the user.
 */
export function MentionInput({ label, value, onInput, chosen, colleagues, self, rows = 2, placeholder }: Props) {
  const area = useRef<HTMLTextAreaElement>(null);
  const [mention, setMention] = useState<ActiveMention | null>(null);
  const [active, setActive] = useState(0);
  const offers = mention ? suggestColleagues(colleagues, mention.query, self) : [];
  const open = mention !== null && offers.length > 0;

  const look = (el: HTMLTextAreaElement): void => {
    const m = activeMention(el.value, el.selectionStart ?? el.value.length);
    setMention(m);
    if (m?.query !== mention?.query) setActive(0);
  };

  const choose = (c: Colleague): void => {
    const el = area.current;
    if (!el || !mention) return;
    const name = mentionName(c.fullName) || c.login;
    const next = insertMention(el.value, el.selectionStart ?? el.value.length, mention, name);
    chosen.set(name, c.login);
    onInput(next.text);
    setMention(null);
    // the caret goes after the inserted name once Preact has written the new value
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(next.caret, next.caret);
    });
  };

  const onKeyDown = (e: KeyboardEvent): void => {
    if (!open) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : offers.length - 1)) % offers.length);
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      const c = offers[Math.min(active, offers.length - 1)];
      if (c) choose(c);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setMention(null);
    }
  };

  return (
    <label class="field co-mention-field">
      <span class="field__label">{label}</span>
      <textarea
        ref={area}
        rows={rows}
        value={value}
        maxLength={MAX_COMMENT_LENGTH}
        placeholder={placeholder}
        aria-autocomplete="list"
        aria-expanded={open}
        onInput={(e) => {
          onInput(e.currentTarget.value);
          look(e.currentTarget);
        }}
        onKeyDown={onKeyDown}
        onClick={(e) => look(e.currentTarget)}
        onBlur={() => setTimeout(() => setMention(null), 150)}
      />
      {open && (
        <ul class="co-mention-list" role="listbox" aria-label="Упомянуть коллегу">
          {offers.map((c, k) => (
            <li
              key={c.login}
              role="option"
              aria-selected={k === active}
              class="co-mention-option"
              onMouseDown={(e) => {
                e.preventDefault();
                choose(c);
              }}
            >
              <span class="co-avatar co-avatar--small" style={{ background: colourOf(c.login) }} aria-hidden="true">
                {initialsOf(c.fullName)}
              </span>
              <span class="co-mention-option__name">{c.fullName}</span>
              <span class="co-mention-option__login">@{c.login}</span>
            </li>
          ))}
        </ul>
      )}
    </label>
  );
}
