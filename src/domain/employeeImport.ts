import { z } from 'zod';
import { employeeCreateSchema } from './employees.js';

/**
 * CSV import and export of employees, departments and reporting lines (SPEC §9). The columns a file
 * may carry, in the order the export writes them. Existing employees are matched by e-mail.
 */
export const importFields = [
  'employeeNumber',
  'familyName',
  'givenName',
  'familyNameKana',
  'givenNameKana',
  'email',
  'title',
  'department',
  'managerEmail',
  'managerEmployeeNumber',
] as const;
export type ImportField = (typeof importFields)[number];

/** Columns every import must map: what creating an employee needs. */
export const requiredImportFields: readonly ImportField[] = ['employeeNumber', 'familyName', 'givenName', 'familyNameKana', 'givenNameKana', 'email'];

/** The header the export writes for each field (Japanese, as Japanese HR software names them). */
export const exportHeaders: Record<ImportField, string> = {
  employeeNumber: '社員番号',
  familyName: '姓',
  givenName: '名',
  familyNameKana: 'セイ',
  givenNameKana: 'メイ',
  email: 'メールアドレス',
  title: '役職',
  department: '部署',
  managerEmail: '上司メールアドレス',
  managerEmployeeNumber: '上司社員番号',
};

/** Header names (lower-cased, spaces removed) guessed to mean each field when no mapping is remembered. */
const headerAliases: Record<ImportField, string[]> = {
  employeeNumber: ['社員番号', '従業員番号', '社員コード', '従業員コード', 'employeenumber', 'employeeid', 'employeeno'],
  familyName: ['姓', '氏', '姓(漢字)', 'familyname', 'lastname', 'surname'],
  givenName: ['名', '名(漢字)', 'givenname', 'firstname'],
  familyNameKana: ['セイ', 'せい', '姓(カナ)', '姓カナ', 'ｾｲ', 'familynamekana', 'lastnamekana'],
  givenNameKana: ['メイ', 'めい', '名(カナ)', '名カナ', 'ﾒｲ', 'givennamekana', 'firstnamekana'],
  email: ['メールアドレス', 'メール', 'e-mail', 'email', 'mail', 'emailaddress'],
  title: ['役職', '役職名', 'title', 'jobtitle', 'position'],
  department: ['部署', '所属', '部署名', '所属部署', 'department', 'dept'],
  managerEmail: ['上司メールアドレス', '上長メールアドレス', 'manageremail'],
  managerEmployeeNumber: ['上司社員番号', '上長社員番号', '上司従業員番号', 'manageremployeenumber', 'managerid'],
};

/** Separator between levels of a department path in the department column (`本社 > 営業部`). */
export const departmentPathSeparator = '>';

/** Largest file accepted (bytes, before base64): about 40,000 typical rows. */
export const importFileMaxBytes = 5 * 1024 * 1024;
/** Most data rows in one file. */
export const importRowsMax = 20_000;

const squash = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s_]/g, '');

/** Which header each field most likely is, by common Japanese and English names. */
export function guessMapping(headers: readonly string[]): ImportMapping {
  const mapping: ImportMapping = {};
  const taken = new Set<string>();
  for (const field of importFields) {
    const aliases = headerAliases[field].map(squash);
    const hit = headers.find((h) => !taken.has(h) && aliases.includes(squash(h)));
    if (hit !== undefined) {
      mapping[field] = hit;
      taken.add(hit);
    }
  }
  return mapping;
}

/** Field → header of the file; a field left out is not imported. */
export const importMappingSchema = z.partialRecord(z.enum(importFields), z.string().min(1).max(200));
export type ImportMapping = z.infer<typeof importMappingSchema>;

/** The uploaded file, base64-encoded (request bodies are JSON only). */
const fileSchema = z
  .string()
  .min(1)
  .max(Math.ceil((importFileMaxBytes * 4) / 3) + 4)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'base64' });

export const importAnalyseRequestSchema = z.object({ file: fileSchema });
export const importRunRequestSchema = z.object({ file: fileSchema, mapping: importMappingSchema });
export type ImportRunRequest = z.infer<typeof importRunRequestSchema>;

export const importEncodings = ['utf-8-bom', 'utf-8', 'shift_jis'] as const;
export type ImportEncoding = (typeof importEncodings)[number];

export const importAnalysisSchema = z.object({
  encoding: z.enum(importEncodings),
  headers: z.array(z.string()),
  rowCount: z.number().int(),
  /** The first rows as read, for the mapping step. */
  sample: z.array(z.array(z.string())),
  /** The remembered mapping where its headers are all in this file, else a guess from the header names. */
  mapping: importMappingSchema,
  mappingRemembered: z.boolean(),
});
export type ImportAnalysis = z.infer<typeof importAnalysisSchema>;

const messageSchema = z.object({ code: z.string(), field: z.string().nullable(), message: z.string() });
export type ImportMessage = z.infer<typeof messageSchema>;

export const importRowStatuses = ['create', 'update', 'unchanged', 'error'] as const;
export type ImportRowStatus = (typeof importRowStatuses)[number];

export const importRowReportSchema = z.object({
  /** The row as a spreadsheet numbers it: the header is row 1. */
  row: z.number().int(),
  status: z.enum(importRowStatuses),
  email: z.string(),
  name: z.string(),
  problems: z.array(messageSchema),
  notes: z.array(messageSchema),
});
export type ImportRowReport = z.infer<typeof importRowReportSchema>;

export const importReportSchema = z.object({
  encoding: z.enum(importEncodings),
  rowCount: z.number().int(),
  counts: z.object({ create: z.number().int(), update: z.number().int(), unchanged: z.number().int(), error: z.number().int() }),
  newDepartments: z.array(z.string()),
  canApply: z.boolean(),
  rows: z.array(importRowReportSchema),
});
export type ImportReport = z.infer<typeof importReportSchema>;

/** One line of the streamed answer to an apply: progress, then the result or the failure. */
export const importProgressEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), done: z.number().int(), total: z.number().int() }),
  z.object({
    type: z.literal('done'),
    created: z.number().int(),
    updated: z.number().int(),
    departmentsCreated: z.number().int(),
    ms: z.number().int(),
  }),
  z.object({ type: z.literal('failed'), message: z.string() }),
]);
export type ImportProgressEvent = z.infer<typeof importProgressEventSchema>;


/**
 * The validation of one imported person: the same field rules as creating an employee by hand
 * (names, kana, e-mail, employee number, title).
 */
export const importPersonSchema = employeeCreateSchema.pick({
  familyName: true,
  givenName: true,
  familyNameKana: true,
  givenNameKana: true,
  email: true,
  employeeNumber: true,
  title: true,
});

const halfWidthKana = /[\uFF61-\uFF9F]/;

/**
 * Half-width katakana (ｶﾀｶﾅ, as older payroll software writes it) becomes full-width with NFKC,
 * which also joins a voiced mark to its letter (ﾀﾞ → ダ). Says whether anything changed.
 */
export function normaliseKana(value: string): { value: string; normalised: boolean } {
  if (!halfWidthKana.test(value)) return { value, normalised: false };
  return { value: value.normalize('NFKC'), normalised: true };
}

/**
 * Reads the bytes of a CSV file as text: UTF-8 with a byte-order mark, valid UTF-8, or else
 * Shift_JIS (decoded as CP932, the Windows variant Japanese payroll software writes). Null when the
 * bytes are neither.
 */
export function decodeCsvBytes(bytes: Uint8Array): { encoding: ImportEncoding; text: string } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    try {
      return { encoding: 'utf-8-bom', text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(3)) };
    } catch {
      return null;
    }
  }
  try {
    return { encoding: 'utf-8', text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    // not UTF-8: try Shift_JIS below
  }
  try {
    return { encoding: 'shift_jis', text: new TextDecoder('shift_jis', { fatal: true }).decode(bytes) };
  } catch {
    return null;
  }
}

/**
 * The reporting cycles in a graph where each person has at most one manager: each cycle as the list
 * of its members in reporting order. Linear in the number of people.
 */
export function findReportingCycles<K>(managerOf: ReadonlyMap<K, K | null>): K[][] {
  const state = new Map<K, 'walking' | 'done'>();
  const cycles: K[][] = [];
  for (const start of managerOf.keys()) {
    if (state.has(start)) continue;
    const path: K[] = [];
    let node: K | null | undefined = start;
    while (node !== null && node !== undefined && !state.has(node)) {
      state.set(node, 'walking');
      path.push(node);
      node = managerOf.get(node);
    }
    if (node !== null && node !== undefined && state.get(node) === 'walking') {
      cycles.push(path.slice(path.indexOf(node)));
    }
    for (const p of path) state.set(p, 'done');
  }
  return cycles;
}
