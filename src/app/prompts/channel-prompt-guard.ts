import type { ChannelHooks } from '../channels/channels-service.js';
import type { PromptsService } from './prompts-service.js';

/** Channels may only name the tenant's uploaded prompts: checked before the other channel hooks (Meta sync) run. */
export function guardChannelPrompts(hooks: ChannelHooks, prompts: Pick<PromptsService, 'assertPromptIds'>): void {
  const { beforeUpdate, beforeCreate } = hooks;
  hooks.beforeUpdate = async (actor, id, patch) => {
    await prompts.assertPromptIds(actor.tenantId, patch.prompts);
    if (beforeUpdate) await beforeUpdate(actor, id, patch);
  };
  hooks.beforeCreate = async (actor, input) => {
    await prompts.assertPromptIds(actor.tenantId, input.prompts);
    if (beforeCreate) await beforeCreate(actor, input);
  };
}
