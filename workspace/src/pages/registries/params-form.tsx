import { PARAM_FIELDS, type ParamKey, type ParamsForm, type ParamsRead } from './check-params.ts';

interface Props {
  form: ParamsForm;
  /** The form as read now (not debounced), for the errors under the fields. */
  read: ParamsRead;
  onChange: (form: ParamsForm) => void;
  onReset: () => void;
}

/** Parameters of the checks; a change re-runs them on the open registry without reading the file again. */
export function ParamsFormPanel({ form, read, onChange, onReset }: Props) {
  const errors: Partial<Record<ParamKey, string>> = read.ok ? {} : read.errors;
  return (
    <section class="panel check-params" aria-labelledby="check-params-title">
      <div class="check-params__head">
        <h2 id="check-params-title">Параметры проверок</h2>
        <button type="button" class="button button--small" onClick={onReset}>
          По умолчанию
        </button>
      </div>
      <form class="check-params__form" onSubmit={(e) => e.preventDefault()} noValidate>
        {PARAM_FIELDS.map((f) => {
          const error = errors[f.key];
          const id = `param-${f.key}`;
          return (
            <div class="field" key={f.key}>
              <label class="field__label" for={id}>
                {f.label}
              </label>
              <input
                id={id}
                inputMode="decimal"
                autocomplete="off"
                value={form[f.key]}
                aria-invalid={error ? true : undefined}
                aria-describedby={`${id}-hint`}
                onInput={(e) => onChange({ ...form, [f.key]: e.currentTarget.value })}
              />
              <span id={`${id}-hint`} class={error ? 'field__error' : 'field__hint'}>
                {error ?? f.hint}
              </span>
            </div>
          );
        })}
      </form>
    </section>
  );
}
