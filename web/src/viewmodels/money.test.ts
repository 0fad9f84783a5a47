import { describe, expect, it } from 'vitest';
import { formatMoney, parseMoney } from './money.js';

describe('money', () => {
  it('shows rupiah as whole rupiah and cents currencies with cents', () => {
    expect(formatMoney(50_000, 'IDR', 'id-ID').replace(/\s/g, ' ')).toBe('Rp 50.000');
    expect(formatMoney(1250, 'USD', 'en-GB')).toBe('US$12.50');
    expect(formatMoney(null, 'IDR', 'en-GB')).toBe('—');
  });

  it('reads amounts typed in major units', () => {
    expect(parseMoney('50.000', 'IDR')).toBe(50_000);
    expect(parseMoney('50,000', 'IDR')).toBe(50_000);
    expect(parseMoney('75000', 'IDR')).toBe(75_000);
    expect(parseMoney('12.5', 'USD')).toBe(1250);
    expect(parseMoney('12,50', 'USD')).toBe(1250);
    expect(parseMoney('1,000.25', 'USD')).toBe(100_025);
    expect(parseMoney('abc', 'IDR')).toBeNull();
    expect(parseMoney('5.5', 'IDR')).toBeNull();
    expect(parseMoney('', 'USD')).toBeNull();
  });
});
