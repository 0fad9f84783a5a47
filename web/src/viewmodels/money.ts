/**
 * Money is integers in minor units on the server. Rupiah amounts are whole rupiah (Rp 50,000 is
 * 50000), like other currencies without a minor unit in practice; the rest have cents.
 */
const wholeUnits = new Set(['IDR', 'JPY', 'KRW', 'VND', 'CLP', 'ISK', 'UGX']);

export const minorDigits = (currency: string): number => (wholeUnits.has(currency.toUpperCase()) ? 0 : 2);

/** "Rp 50.000" / "$12.50", in the user's language. */
export function formatMoney(minor: number | null | undefined, currency: string, locale: string): string {
  if (minor === null || minor === undefined || !Number.isFinite(minor)) return '—';
  const digits = minorDigits(currency);
  const value = minor / 10 ** digits;
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  } catch {
    return `${value.toFixed(digits)} ${currency}`;
  }
}

/** Reads an amount typed in major units ("50.000", "50000", "12.5") into minor units; null when it is not one. */
export function parseMoney(input: string, currency: string): number | null {
  const digits = minorDigits(currency);
  let s = input.trim().replace(/\s/g, '');
  if (!s) return null;
  if (digits === 0) {
    // Thousands separators only: "50.000", "50,000".
    if (!/^\d{1,3}([.,]\d{3})*$|^\d+$/.test(s)) return null;
    return Number(s.replace(/[.,]/g, ''));
  }
  s = s.replace(/,(\d{1,2})$/, '.$1').replace(/,/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  return Math.round(Number(s) * 100);
}
