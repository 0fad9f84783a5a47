import { useState } from 'react';

/** An on/off setting saved as soon as it is flipped (the switch waits for the server). */
export function Toggle({ label, help, checked, disabled, onChange, testId }: {
  label: string;
  help?: string | undefined;
  checked: boolean;
  disabled?: boolean;
  onChange: (next: boolean) => Promise<void> | void;
  testId?: string;
}) {
  const [busy, setBusy] = useState(false);
  return (
    <label className={`switch admin-toggle${disabled ? ' is-disabled' : ''}`} data-testid={testId}>
      <input
        type="checkbox"
        checked={checked}
        disabled={disabled || busy}
        onChange={async (e) => {
          setBusy(true);
          try {
            await onChange(e.target.checked);
          } finally {
            setBusy(false);
          }
        }}
      />
      <span className="switch__track" aria-hidden="true" />
      <span>
        <span className="switch__label">{label}</span>
        {help ? <span className="switch__help">{help}</span> : null}
      </span>
    </label>
  );
}
