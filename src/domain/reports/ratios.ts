/** `part ÷ whole` in percent, or null when the whole is empty (never NaN, never Infinity). */
export function percent(part: number, whole: number): number | null {
  if (!(whole > 0)) return null;
  return round2((part / whole) * 100);
}

/** `sum ÷ count`, or null when nothing was counted. */
export function mean(sum: number, count: number): number | null {
  if (!(count > 0)) return null;
  return round2(sum / count);
}

/** Two decimals, the precision every report shows. */
export const round2 = (x: number): number => Math.round(x * 100) / 100;
