import type { ChannelDetail } from '../../api/admin-types.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { callingToggles, needsVoiceCalling } from '../../viewmodels/channel-settings.js';
import type { SaveChannel } from './ChannelsSection.js';
import { Toggle } from './Toggle.js';

/** The channel's calling switches (saved as flipped) and whether WhatsApp shows the call buttons. */
export function ChannelCalling({ channel, save }: { channel: ChannelDetail; save: SaveChannel }) {
  const { t } = useI18n();
  return (
    <section className="admin-card" aria-labelledby="calling-title">
      <h4 id="calling-title" className="admin-card__subtitle">{t('channel.calling')}</h4>
      <div className="toggles">
        {callingToggles.map((k) => (
          <Toggle
            key={k}
            testId={`toggle-${k}`}
            label={t(`channel.toggle.${k}`)}
            help={t(`channel.toggleHelp.${k}`)}
            checked={channel[k]}
            disabled={needsVoiceCalling(k) && !channel.voice_calling_enabled}
            onChange={async (v) => {
              await save({ [k]: v });
            }}
          />
        ))}
      </div>
      <label className="field">
        <span className="field__label">{t('channel.callIcon')}</span>
        <select value={channel.call_icon_visibility} onChange={(e) => void save({ call_icon_visibility: e.target.value as ChannelDetail['call_icon_visibility'] })}>
          <option value="DEFAULT">{t('channel.callIcon.DEFAULT')}</option>
          <option value="DISABLE_ALL">{t('channel.callIcon.DISABLE_ALL')}</option>
        </select>
        <span className="field__hint">{t('channel.callIconHelp')}</span>
      </label>
    </section>
  );
}
