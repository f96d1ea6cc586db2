import { parse } from 'csv-parse/sync';
import { decodeCsvBytes, importFileMaxBytes, importRowsMax, type ImportEncoding } from '../../domain/employeeImport.js';
import { AppError, ValidationError } from '../errors.js';

/** A CSV file read into its header and data rows. */
export interface ImportFile {
  encoding: ImportEncoding;
  headers: string[];
  /** Data rows (the header left out, blank lines dropped), each with its row number as a spreadsheet shows it. */
  rows: { row: number; cells: string[] }[];
}

const fileProblem = (key: 'errors.importUnreadable' | 'errors.importNotCsv' | 'errors.importNoRows' | 'errors.importDuplicateHeader', params = {}) =>
  new ValidationError({ file: { key, params } }, key, params);

/**
 * Reads an uploaded CSV file (base64 of its bytes): detects UTF-8 (with or without BOM) or
 * Shift_JIS/CP932, parses it with quoting and line breaks inside fields, and refuses what is not
 * a CSV of employees with a message that says why. Nothing is written.
 */
export function readImportFile(base64: string): ImportFile {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > importFileMaxBytes) {
    throw new AppError('payload_too_large', 'errors.importTooLarge', { limit: Math.round(importFileMaxBytes / 1024 / 1024) });
  }
  // A NUL byte never occurs in a text file in either encoding: a spreadsheet or an image was chosen.
  if (bytes.length === 0 || bytes.includes(0)) throw fileProblem(bytes.length === 0 ? 'errors.importNoRows' : 'errors.importNotCsv', { line: 1 });
  const decoded = decodeCsvBytes(bytes);
  if (!decoded) throw fileProblem('errors.importUnreadable');
  let records: string[][];
  try {
    records = parse(decoded.text, { relax_column_count: true, skip_empty_lines: true, info: false }) as string[][];
  } catch (err) {
    const line = typeof err === 'object' && err !== null && 'lines' in err ? Number((err as { lines: unknown }).lines) : 1;
    throw fileProblem('errors.importNotCsv', { line });
  }
  const [head, ...body] = records;
  if (!head) throw fileProblem('errors.importNoRows');
  const headers = head.map((h) => h.trim());
  const seen = new Set<string>();
  for (const h of headers) {
    if (h && seen.has(h)) throw fileProblem('errors.importDuplicateHeader', { header: h });
    seen.add(h);
  }
  const rows = body
    .map((cells, i) => ({ row: i + 2, cells: cells.map((c) => c.trim()) }))
    .filter((r) => r.cells.some((c) => c !== ''));
  if (rows.length === 0) throw fileProblem('errors.importNoRows');
  if (rows.length > importRowsMax) throw new ValidationError({ file: { key: 'errors.importTooManyRows', params: { max: importRowsMax } } }, 'errors.importTooManyRows', { max: importRowsMax });
  return { encoding: decoded.encoding, headers, rows };
}
