import { createStore } from '../state/create-store.js';

/** Which overlays are open. */
export interface UiState {
  palette: boolean;
  dialPad: boolean;
  transfer: boolean;
}

export const uiStore = createStore<UiState>({ palette: false, dialPad: false, transfer: false });

export const setUi = (patch: Partial<UiState>): void => uiStore.set((s) => ({ ...s, ...patch }));
