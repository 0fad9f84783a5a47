export interface Toast {
  id: number;
  tone: 'info' | 'success' | 'warning' | 'error';
  title: string;
  body?: string;
  /** Stays until closed (errors that need reading). */
  sticky?: boolean;
}

export type ToastsEvent = { kind: 'push'; toast: Omit<Toast, 'id'>; id: number } | { kind: 'close'; id: number };

const MAX = 4;

/** The stack of notices in the corner; the oldest go first when it is full. */
export function toastsReducer(s: Toast[], e: ToastsEvent): Toast[] {
  switch (e.kind) {
    case 'push': {
      const same = s.find((x) => x.title === e.toast.title && x.body === e.toast.body);
      const rest = same ? s.filter((x) => x !== same) : s;
      return [...rest, { ...e.toast, id: e.id }].slice(-MAX);
    }
    case 'close':
      return s.filter((x) => x.id !== e.id);
  }
}
