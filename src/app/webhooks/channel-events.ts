import type { ChannelHealthService } from '../channels/channel-health.js';
import type { ChannelSync } from '../channels/channel-sync.js';
import type { ProviderEventsService } from './provider-events-service.js';

/**
 * Fills the provider-event handler slots for channel-level webhooks: Meta's settings changes
 * (`account_settings_update`) and enforcement (`account_update` violations and restrictions).
 */
export function registerChannelEventHandlers(events: Pick<ProviderEventsService, 'handlers'>, deps: { sync: ChannelSync; health: ChannelHealthService }): void {
  events.handlers.settingsUpdate = (channel, e) => deps.sync.applyProviderSettings(channel, e.calling);
  events.handlers.accountUpdate = (channel, e) => deps.health.applyAccountUpdate(channel, e);
}
