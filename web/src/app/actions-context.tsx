import { createContext, useContext } from 'react';
import type { ActionContext } from '../actions/action.js';

export interface Actions {
  ctx: ActionContext;
  run(id: string, target?: string): void;
}

export const ActionsContext = createContext<Actions | null>(null);

export function useActions(): Actions {
  const a = useContext(ActionsContext);
  if (!a) throw new Error('useActions outside the desk shell');
  return a;
}
