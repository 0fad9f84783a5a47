export interface Point {
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

const MARGIN = 8;

/** Keeps a floating widget fully on screen (with a small margin), whatever the window size. */
export function clampPosition(p: Point, widget: Size, viewport: Size): Point {
  const maxX = Math.max(MARGIN, viewport.width - widget.width - MARGIN);
  const maxY = Math.max(MARGIN, viewport.height - widget.height - MARGIN);
  return { x: Math.round(Math.min(Math.max(p.x, MARGIN), maxX)), y: Math.round(Math.min(Math.max(p.y, MARGIN), maxY)) };
}

/** Where the widget starts: bottom right, above the demo panel's corner. */
export const defaultPosition = (widget: Size, viewport: Size): Point =>
  clampPosition({ x: viewport.width - widget.width - 24, y: viewport.height - widget.height - 24 }, widget, viewport);

/** Arrow keys move the widget by 16 px (64 px with Shift). */
export function nudge(p: Point, key: string, shift: boolean): Point | null {
  const step = shift ? 64 : 16;
  switch (key) {
    case 'ArrowLeft': return { x: p.x - step, y: p.y };
    case 'ArrowRight': return { x: p.x + step, y: p.y };
    case 'ArrowUp': return { x: p.x, y: p.y - step };
    case 'ArrowDown': return { x: p.x, y: p.y + step };
    default: return null;
  }
}

/** Reads a saved position; null when absent or malformed. */
export function parsePosition(raw: string | null): Point | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as unknown;
    if (v && typeof v === 'object' && Number.isFinite((v as Point).x) && Number.isFinite((v as Point).y)) return { x: (v as Point).x, y: (v as Point).y };
  } catch {
    // ignore
  }
  return null;
}
