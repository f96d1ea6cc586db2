import { stringify } from 'csv-stringify/sync';
import Encoding from 'encoding-japanese';

/** The two encodings Taiwa writes CSV files in: UTF-8 with a byte-order mark, or Shift_JIS (CP932). */
export type CsvEncoding = 'utf-8' | 'shift_jis';

/**
 * Rows as a CSV file Excel opens as it is in Japan: CRLF line ends, and either UTF-8 with a
 * byte-order mark (without it Excel reads UTF-8 as Shift_JIS) or CP932 for older Excel and
 * payroll software. A character CP932 lacks becomes `?` there (the UTF-8 file keeps it).
 */
export function encodeCsv(rows: readonly (readonly (string | number)[])[], encoding: CsvEncoding): Uint8Array {
  const text = stringify(rows as (string | number)[][], { record_delimiter: '\r\n' });
  if (encoding === 'shift_jis') return Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' }));
  return new TextEncoder().encode(`\uFEFF${text}`);
}

/** The Content-Type and Content-Disposition of a CSV download named `base`. */
export function csvHeaders(base: string, encoding: CsvEncoding): Record<string, string> {
  return {
    'Content-Type': `text/csv; charset=${encoding === 'shift_jis' ? 'Shift_JIS' : 'utf-8'}`,
    'Content-Disposition': `attachment; filename="${base}${encoding === 'shift_jis' ? '-sjis' : ''}.csv"`,
  };
}
