/** Registry and reference files: what every upload in the workspace accepts. */
const TABLE_FILES = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface FilePickerProps {
  id: string;
  label: string;
  name: string;
  /** Shown beside the button; null shows «Файл не выбран». */
  fileName: string | null;
  onChoose: (file: File | null) => void;
  primary?: boolean;
  required?: boolean;
  /** Clear the input after each choice, so choosing the same file again (after fixing it) reads it again. */
  rechoosable?: boolean;
}

/**
 * A labelled file field with a Russian button. The browser's own file button speaks the browser's language;
 * this one always says it in Russian, and the input stays the real, accessible control underneath.
 */
export function FilePicker({ id, label, name, fileName, onChoose, primary = false, required = false, rechoosable = false }: FilePickerProps) {
  return (
    <div class="field">
      <span class="field__label" id={id}>
        {label}
      </span>
      <label class="file-picker">
        <input
          class="visually-hidden"
          name={name}
          type="file"
          aria-labelledby={id}
          accept={TABLE_FILES}
          required={required}
          onChange={(e) => {
            const chosen = e.currentTarget.files?.[0] ?? null;
            if (rechoosable) e.currentTarget.value = '';
            if (chosen || !rechoosable) onChoose(chosen);
          }}
        />
        <span class={primary ? 'button button--primary file-picker__button' : 'button file-picker__button'} aria-hidden="true">
          Выбрать файл
        </span>
        <span class={fileName ? 'file-picker__name' : 'file-picker__name muted'}>{fileName ?? 'Файл не выбран'}</span>
      </label>
    </div>
  );
}
