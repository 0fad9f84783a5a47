import { labelOf } from '../actions/action.js';
import { findAction } from '../actions/registry.js';
import { formatShortcut, parseShortcut } from '../actions/shortcut.js';
import { useActions } from '../app/actions-context.js';
import { isMac } from '../app/use-actions.js';
import { useI18n } from '../i18n/i18n-context.js';
import { Icon, type IconName } from './Icon.js';

/** A button bound to a registered action: same label, shortcut and effect as the palette and the keyboard. */
export function ActionButton({ id, target, icon, variant = 'default', iconOnly = false, pressed, className = '' }: {
  id: string;
  target?: string;
  icon?: IconName;
  variant?: 'default' | 'accept' | 'danger' | 'ghost' | 'round-accept' | 'round-danger' | 'tool';
  iconOnly?: boolean;
  pressed?: boolean;
  className?: string;
}) {
  const { ctx, run } = useActions();
  const { t } = useI18n();
  const action = findAction(id);
  const label = t(labelOf(action, ctx));
  const shortcut = action.shortcut ? parseShortcut(action.shortcut) : null;
  const hint = shortcut ? formatShortcut(shortcut, isMac) : null;
  const enabled = action.available(ctx, target);
  return (
    <button
      type="button"
      className={`btn btn--${variant}${iconOnly ? ' btn--icon' : ''} ${className}`.trim()}
      disabled={!enabled}
      onClick={() => run(id, target)}
      title={hint ? `${label} (${hint})` : label}
      aria-label={iconOnly ? label : undefined}
      aria-keyshortcuts={action.shortcut ? action.shortcut.replace('Mod', isMac ? 'Meta' : 'Control') : undefined}
      aria-pressed={pressed}
      data-action={id}
    >
      {icon ? <Icon name={icon} /> : null}
      {iconOnly ? null : <span>{label}</span>}
    </button>
  );
}
