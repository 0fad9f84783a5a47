import { useEffect, useId, useState } from 'react';
import { useI18n } from '../../i18n/i18n-context.js';

/** A whole number saved on Enter or when leaving the field, with its bounds shown and checked first. */
export function NumberField({ label, value, min, max, unit, hint, onSave }: {
  label: string;
  value: number;
  min: number;
  max: number;
  unit?: string;
  hint?: string;
  onSave: (v: number) => Promise<boolean>;
}) {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const n = Number(text);
  const error = !/^\d+$/.test(text.trim()) ? t('settings.error.integer') : n < min ? t('settings.error.min', { min }) : n > max ? t('settings.error.max', { max }) : null;
  const save = async () => {
    if (error || n === value) return;
    if (!(await onSave(n))) setText(String(value));
  };
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>{label}</label>
      <div className="number-field">
        <input
          id={id}
          inputMode="numeric"
          value={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint`}
          onChange={(e) => setText(e.target.value)}
          onBlur={() => void save()}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void save();
            }
          }}
        />
        {unit ? <span className="number-field__unit">{unit}</span> : null}
      </div>
      <span id={`${id}-hint`} className={error ? 'field__error' : 'field__hint'}>{error ?? `${t('settings.range', { min, max, unit: unit ? ` ${unit}` : '' })}${hint ? ` · ${hint}` : ''}`}</span>
    </div>
  );
}
