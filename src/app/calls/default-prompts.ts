import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PromptFiles } from './call-engine.js';

const ASSETS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../assets/prompts');

/** The prompts shipped with Switchboard; channels may replace each with an uploaded one. */
export function defaultPrompts(dir = ASSETS): PromptFiles {
  return {
    queue_entry: path.join(dir, 'queue-entry.opus'),
    queue_waiting: path.join(dir, 'queue-waiting.opus'),
    voicemail: path.join(dir, 'voicemail.opus'),
    hold_music: path.join(dir, '../music/hold.opus'),
    callback_intro: path.join(dir, 'callback.opus'),
  };
}
