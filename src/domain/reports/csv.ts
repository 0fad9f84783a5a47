/** Cells a spreadsheet would run as a formula when they start with one of these. */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled.
 * Text that starts like a formula (`=`, `+`, `-`, `@`, tab, CR) gets a leading apostrophe first,
 * so a spreadsheet shows it instead of evaluating it. Numbers are written as they are.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'string' ? value : String(value);
  if (typeof value === 'string' && formulaStart.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One record, CRLF-terminated as RFC 4180 has it. */
export const csvRow = (values: readonly (string | number | boolean | null | undefined)[]): string => `${values.map(csvCell).join(',')}\r\n`;
