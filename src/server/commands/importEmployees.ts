import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import {
  departmentPathSeparator,
  findReportingCycles,
  guessMapping,
  importFields,
  importMappingSchema,
  importPersonSchema,
  normaliseKana,
  requiredImportFields,
  type ImportAnalysis,
  type ImportField,
  type ImportMapping,
  type ImportMessage,
  type ImportReport,
  type ImportRowReport,
} from '../../domain/employeeImport.js';
import type { Locale } from '../../domain/limits.js';
import type { Db, Tx } from '../db/client.js';
import { departments, employees, settings } from '../db/schema.js';
import { ConflictError, fromZodIssues, ValidationError } from '../errors.js';
import { translate, type MessageKey } from '../i18n/messages.js';
import { readImportFile, type ImportFile } from './employeeImportFile.js';
import { lockOrganisation } from './reportingLines.js';

/** The `settings` key under which the installation remembers the last applied column mapping. */
export const MAPPING_SETTING = 'employeeImport.mapping';
/** Rows per SQL statement when applying: 1,000 rows × 8 values stays far below PostgreSQL's 65,535 parameters. */
const CHUNK = 1000;

/** The person fields the import writes, already validated. */
interface Person {
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  /** Null: the row has no address (ADR 0215). */
  email: string | null;
  employeeNumber: string;
  /** Undefined when the title column is not mapped (a stored title is then kept). */
  title: string | null | undefined;
}

interface Existing extends Omit<Person, 'title'> {
  title: string | null;
  id: string;
  userId: string | null;
  active: boolean;
  departmentId: string | null;
  managerId: string | null;
}

/** Who a row's manager is: an employee already stored (by id) or another row of the file (by row number). */
type ManagerRef = { kind: 'employee'; id: string } | { kind: 'row'; row: number } | null;

interface PlannedRow {
  row: number;
  existing: Existing | null;
  person: Person;
  /** Department path (`本社 > 営業部`), null for none, undefined when the column is not mapped. */
  departmentPath: string | null | undefined;
  /** The manager, undefined when neither manager column is mapped. */
  manager: ManagerRef | undefined;
}

/** What a dry run found, and what applying would write. */
export interface ImportPlan {
  report: ImportReport;
  rows: PlannedRow[];
  /** Department paths to create, parents before children. */
  newDepartments: string[];
  /** Existing active departments by path. */
  departmentIds: Map<string, string>;
}

const splitPath = (value: string) =>
  value
    .split(departmentPathSeparator)
    .map((s) => s.trim())
    .filter(Boolean);

/** The remembered column mapping, if any. */
export async function rememberedMapping(db: Tx): Promise<ImportMapping | null> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, MAPPING_SETTING));
  if (!row) return null;
  const parsed = importMappingSchema.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : null;
}

/** Reads the file and proposes a mapping: the remembered one when this file has all its columns, else a guess. */
export async function analyseImport(db: Db, base64: string): Promise<ImportAnalysis> {
  const file = readImportFile(base64);
  const remembered = await rememberedMapping(db);
  const fits = remembered && Object.values(remembered).every((h) => file.headers.includes(h));
  return {
    encoding: file.encoding,
    headers: file.headers,
    rowCount: file.rows.length,
    sample: file.rows.slice(0, 5).map((r) => r.cells),
    mapping: fits ? remembered : guessMapping(file.headers),
    mappingRemembered: !!fits,
  };
}

function assertMapping(file: ImportFile, mapping: ImportMapping, locale: Locale): void {
  const missing = requiredImportFields.filter((f) => !mapping[f]);
  if (missing.length) {
    const params = { fields: missing.map((f) => translate(locale, fieldKeys[f])).join(', ') };
    throw new ValidationError({ mapping: { key: 'errors.importMappingMissing', params } }, 'errors.importMappingMissing', params);
  }
  for (const header of Object.values(mapping)) {
    if (!file.headers.includes(header)) throw new ValidationError({ mapping: { key: 'errors.importUnknownHeader', params: { header } } }, 'errors.importUnknownHeader', { header });
  }
}

/** Everything stored that an import is checked against: a fixed number of queries, whatever the size. */
async function loadOrganisation(db: Tx) {
  const people = await db
    .select({
      id: employees.id,
      userId: employees.userId,
      active: employees.active,
      familyName: employees.familyName,
      givenName: employees.givenName,
      familyNameKana: employees.familyNameKana,
      givenNameKana: employees.givenNameKana,
      email: employees.email,
      employeeNumber: employees.employeeNumber,
      title: employees.title,
      departmentId: employees.departmentId,
      managerId: employees.managerId,
    })
    .from(employees);
  const depts = await db.select({ id: departments.id, name: departments.name, parentId: departments.parentId, active: departments.active }).from(departments);
  const signInOnly = await db.execute<{ email: string }>(sql`select lower(u.email) as email from auth_user u where not exists (select 1 from employees e where e.user_id = u.id)`);
  return { people, depts, signInOnly: new Set(signInOnly.rows.map((r) => r.email)) };
}

/** Each department's path from the top (`本社 > 営業部`), computed in memory from the whole tree. */
export function departmentPaths(depts: { id: string; name: string; parentId: string | null }[]): Map<string, string> {
  const byId = new Map(depts.map((d) => [d.id, d]));
  const paths = new Map<string, string>();
  const pathOf = (id: string, depth = 0): string => {
    const known = paths.get(id);
    if (known !== undefined) return known;
    const d = byId.get(id)!;
    const p = d.parentId && depth < 1000 && byId.has(d.parentId) ? `${pathOf(d.parentId, depth + 1)} ${departmentPathSeparator} ${d.name}` : d.name;
    paths.set(id, p);
    return p;
  };
  for (const d of depts) pathOf(d.id);
  return paths;
}

const displayName = (p: { familyName: string; givenName: string }) => `${p.familyName} ${p.givenName}`.trim();

/**
 * Checks every row of the file against the same rules as creating an employee by hand and against
 * the stored organisation: required and well-formed fields, e-mail and employee number unique in the
 * file and among other employees, a manager that exists and is active, no reporting cycle in the
 * organisation the import would leave, departments that are active (missing ones are created).
 * Writes nothing.
 */
export async function planImport(db: Tx, input: { file: string; mapping: ImportMapping }, locale: Locale): Promise<ImportPlan> {
  const file = readImportFile(input.file);
  const mapping = input.mapping;
  assertMapping(file, mapping, locale);
  const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(locale, key, params);
  const fieldLabel = (f: string) => (f in fieldKeys ? t(fieldKeys[f as ImportField]) : f);
  const org = await loadOrganisation(db);
  const byEmail = new Map(org.people.flatMap((p) => (p.email ? [[p.email.toLowerCase(), p] as const] : [])));
  const byNumber = new Map(org.people.map((p) => [p.employeeNumber, p]));
  const byId = new Map(org.people.map((p) => [p.id, p]));
  const paths = departmentPaths(org.depts);
  const deptByPath = new Map<string, { id: string; active: boolean }>();
  for (const d of org.depts) {
    const p = paths.get(d.id)!;
    // Two departments with the same path: the active one wins.
    if (!deptByPath.get(p)?.active) deptByPath.set(p, { id: d.id, active: d.active });
  }
  const col = Object.fromEntries(importFields.map((f) => [f, mapping[f] ? file.headers.indexOf(mapping[f]) : -1])) as Record<ImportField, number>;
  const cell = (cells: string[], f: ImportField) => (col[f] >= 0 ? (cells[col[f]] ?? '') : undefined);

  const reports: ImportRowReport[] = [];
  const planned: PlannedRow[] = [];
  const newDepartments = new Set<string>();
  // First pass: fields of each row on their own.
  const parsedRows = file.rows.map(({ row, cells }) => {
    const problems: ImportMessage[] = [];
    const notes: ImportMessage[] = [];
    const raw: Record<string, string | undefined> = {};
    for (const f of ['familyName', 'givenName', 'familyNameKana', 'givenNameKana', 'email', 'employeeNumber', 'title'] as const) raw[f] = cell(cells, f);
    for (const f of ['familyNameKana', 'givenNameKana'] as const) {
      const n = normaliseKana(raw[f] ?? '');
      if (n.normalised) {
        notes.push({ code: 'kanaNormalised', field: f, message: t('import.kanaNormalised', { field: fieldLabel(f), from: raw[f]!, to: n.value }) });
        raw[f] = n.value;
      }
    }
    const parsed = importPersonSchema.safeParse(raw);
    if (!parsed.success) {
      const fields = fromZodIssues(parsed.error.issues, raw).fields ?? {};
      for (const [f, issue] of Object.entries(fields)) {
        const code = issue.key === 'validation.kana' ? 'badKana' : issue.key === 'validation.required' ? 'required' : 'invalid';
        problems.push({ code, field: f, message: t('import.fieldProblem', { field: fieldLabel(f), detail: t(issue.key, issue.params) }) });
      }
    }
    const email = (raw.email ?? '').trim().toLowerCase();
    const person: Person | null = parsed.success ? { ...parsed.data, title: col.title >= 0 ? parsed.data.title : undefined } : null;
    return { row, cells, raw, person, email, problems, notes };
  });

  const rowsByEmail = new Map<string, number[]>();
  const rowsByNumber = new Map<string, number[]>();
  for (const r of parsedRows) {
    if (r.email) rowsByEmail.set(r.email, [...(rowsByEmail.get(r.email) ?? []), r.row]);
    const n = (r.raw.employeeNumber ?? '').trim();
    if (n) rowsByNumber.set(n, [...(rowsByNumber.get(n) ?? []), r.row]);
  }
  const rowOfEmail = new Map<string, number>();
  const rowOfNumber = new Map<string, number>();
  for (const [e, rows] of rowsByEmail) if (rows.length === 1) rowOfEmail.set(e, rows[0]!);
  for (const [n, rows] of rowsByNumber) if (rows.length === 1) rowOfNumber.set(n, rows[0]!);
  const parsedByRow = new Map(parsedRows.map((r) => [r.row, r]));
  const managerMapped = col.managerEmail >= 0 || col.managerEmployeeNumber >= 0;

  // Second pass: against the other rows and the stored organisation.
  for (const r of parsedRows) {
    // A row is the stored employee with its address; else, the stored employee without an address
    // that has its employee number (the row may give them their first address, ADR 0215).
    const numberHolder = byNumber.get((r.raw.employeeNumber ?? '').trim());
    const existing = (r.email ? byEmail.get(r.email) : undefined) ?? (numberHolder && !numberHolder.email ? numberHolder : null);
    const sameEmail = rowsByEmail.get(r.email) ?? [];
    if (sameEmail.length > 1) r.problems.push({ code: 'duplicateEmail', field: 'email', message: t('import.duplicateEmail', { email: r.email, rows: sameEmail.join(', ') }) });
    const number = (r.raw.employeeNumber ?? '').trim();
    const sameNumber = rowsByNumber.get(number) ?? [];
    if (sameNumber.length > 1) {
      r.problems.push({ code: 'duplicateEmployeeNumber', field: 'employeeNumber', message: t('import.duplicateEmployeeNumber', { number, rows: sameNumber.join(', ') }) });
    } else if (number) {
      const holder = byNumber.get(number);
      // Taken by someone else, unless that person is in the file too and gives the number up there.
      const holderRow = holder?.email ? rowOfEmail.get(holder.email.toLowerCase()) : undefined;
      const givenUp = holderRow !== undefined && (parsedByRow.get(holderRow)?.raw.employeeNumber ?? '').trim() !== number;
      if (holder && holder.id !== existing?.id && !givenUp) {
        r.problems.push({ code: 'employeeNumberTaken', field: 'employeeNumber', message: t('import.employeeNumberTaken', { number, name: displayName(holder) }) });
      }
    }
    if (!existing?.email && r.email && org.signInOnly.has(r.email)) r.problems.push({ code: 'emailTaken', field: 'email', message: t('import.emailTaken', { email: r.email }) });

    let departmentPath: string | null | undefined;
    const deptCell = cell(r.cells, 'department');
    if (deptCell !== undefined) {
      const parts = splitPath(deptCell);
      departmentPath = parts.length ? parts.join(` ${departmentPathSeparator} `) : null;
      for (let i = 1; i <= parts.length; i++) {
        const p = parts.slice(0, i).join(` ${departmentPathSeparator} `);
        const found = deptByPath.get(p);
        if (found && !found.active) {
          r.problems.push({ code: 'departmentInactive', field: 'department', message: t('import.departmentInactive', { department: p }) });
          break;
        }
        if (!found) newDepartments.add(p);
      }
      if (departmentPath && !deptByPath.has(departmentPath)) {
        r.notes.push({ code: 'newDepartment', field: 'department', message: t('import.newDepartment', { department: departmentPath }) });
      }
    }

    let manager: ManagerRef | undefined;
    if (managerMapped) {
      const mEmail = (cell(r.cells, 'managerEmail') ?? '').toLowerCase();
      const mNumber = cell(r.cells, 'managerEmployeeNumber') ?? '';
      const refs: ManagerRef[] = [];
      const resolve = (value: string, inFile: Map<string, number>, stored: Map<string, Existing>): ManagerRef | 'unknown' => {
        const row = inFile.get(value);
        if (row !== undefined) return { kind: 'row', row };
        const e = stored.get(value);
        return e ? { kind: 'employee', id: e.id } : 'unknown';
      };
      let unknown: string | null = null;
      for (const [value, inFile, stored] of [
        [mEmail, rowOfEmail, byEmail],
        [mNumber, rowOfNumber, byNumber],
      ] as const) {
        if (!value) continue;
        const ref = resolve(value, inFile, stored);
        if (ref === 'unknown') unknown = value;
        else refs.push(ref);
      }
      manager = refs[0] ?? null;
      if (unknown) {
        r.problems.push({ code: 'unknownManager', field: 'manager', message: t('import.unknownManager', { manager: unknown }) });
        manager = null;
      } else if (refs.length === 2 && JSON.stringify(refs[0]) !== JSON.stringify(refs[1])) {
        r.problems.push({ code: 'managerConflict', field: 'manager', message: t('import.managerConflict', { email: mEmail, number: mNumber }) });
        manager = null;
      } else if (manager?.kind === 'employee') {
        const m = byId.get(manager.id)!;
        // A stored manager who is in the file is judged by their row (they may be updated there).
        if (!m.active) r.problems.push({ code: 'managerInactive', field: 'manager', message: t('import.managerInactive', { manager: displayName(m) }) });
      }
      const selfRow = manager?.kind === 'row' && manager.row === r.row;
      const selfStored = manager?.kind === 'employee' && existing && manager.id === existing.id;
      if (selfRow || selfStored) {
        r.problems.push({ code: 'selfManager', field: 'manager', message: t('import.selfManager') });
        manager = null;
      }
    }
    planned.push({ row: r.row, existing, person: r.person ?? emptyPerson, departmentPath, manager });
  }

  // Reporting cycles in the organisation the import would leave behind. A row that names a stored
  // employee by their own e-mail is that employee, so both sides use the same key.
  const keyOfRow = new Map(planned.map((p) => [p.row, p.existing ? p.existing.id : `row:${p.row}`]));
  const rowOfKey = new Map(planned.map((p) => [keyOfRow.get(p.row)!, p.row]));
  const managerOf = new Map<string, string | null>(org.people.map((p) => [p.id, p.managerId]));
  for (const p of planned) {
    const key = keyOfRow.get(p.row)!;
    if (p.manager === undefined) managerOf.set(key, p.existing?.managerId ?? null);
    else if (p.manager === null) managerOf.set(key, null);
    else managerOf.set(key, p.manager.kind === 'row' ? keyOfRow.get(p.manager.row)! : p.manager.id);
  }
  for (const cycle of findReportingCycles(managerOf)) {
    const inFile = cycle.filter((k) => rowOfKey.has(k));
    if (!inFile.length) continue;
    const label = (k: string) => {
      const row = rowOfKey.get(k);
      return row !== undefined ? t('import.rowLabel', { row }) : displayName(byId.get(k)!);
    };
    const chain = [...cycle, cycle[0]!].map(label).join(' → ');
    for (const k of inFile) {
      parsedByRow.get(rowOfKey.get(k)!)!.problems.push({ code: 'reportingCycle', field: 'manager', message: t('import.reportingCycle', { chain }) });
    }
  }

  const storedIdOfRow = new Map(planned.filter((p) => p.existing).map((p) => [p.row, p.existing!.id]));
  const counts = { create: 0, update: 0, unchanged: 0, error: 0 };
  for (const p of planned) {
    const r = parsedByRow.get(p.row)!;
    let status: ImportRowReport['status'];
    if (r.problems.length || !r.person) status = 'error';
    else if (!p.existing) status = 'create';
    else status = changes(p, deptByPath, storedIdOfRow) ? 'update' : 'unchanged';
    counts[status]++;
    reports.push({
      row: p.row,
      status,
      email: r.email,
      name: `${r.raw.familyName ?? ''} ${r.raw.givenName ?? ''}`.trim(),
      problems: r.problems,
      notes: r.notes,
    });
  }
  const depthOf = (p: string) => p.split(` ${departmentPathSeparator} `).length;
  return {
    report: {
      encoding: file.encoding,
      rowCount: file.rows.length,
      counts,
      newDepartments: [...newDepartments].sort((a, b) => depthOf(a) - depthOf(b) || a.localeCompare(b)),
      canApply: counts.error === 0,
      rows: reports,
    },
    rows: planned,
    newDepartments: [...newDepartments].sort((a, b) => depthOf(a) - depthOf(b) || a.localeCompare(b)),
    departmentIds: new Map([...deptByPath].filter(([, d]) => d.active).map(([p, d]) => [p, d.id])),
  };
}

const emptyPerson: Person = { familyName: '', givenName: '', familyNameKana: '', givenNameKana: '', email: null, employeeNumber: '', title: null };

const fieldKeys: Record<ImportField, MessageKey> = {
  employeeNumber: 'import.field.employeeNumber',
  familyName: 'import.field.familyName',
  givenName: 'import.field.givenName',
  familyNameKana: 'import.field.familyNameKana',
  givenNameKana: 'import.field.givenNameKana',
  email: 'import.field.email',
  title: 'import.field.title',
  department: 'import.field.department',
  managerEmail: 'import.field.managerEmail',
  managerEmployeeNumber: 'import.field.managerEmployeeNumber',
};

/** Whether applying the row would change the stored employee. */
function changes(p: PlannedRow, deptByPath: Map<string, { id: string }>, storedIdOfRow: Map<number, string>): boolean {
  const e = p.existing!;
  const person = p.person;
  if (
    e.familyName !== person.familyName ||
    e.givenName !== person.givenName ||
    e.familyNameKana !== person.familyNameKana ||
    e.givenNameKana !== person.givenNameKana ||
    e.employeeNumber !== person.employeeNumber ||
    (!e.email && person.email) ||
    (person.title !== undefined && e.title !== person.title)
  ) {
    return true;
  }
  if (p.departmentPath !== undefined && (p.departmentPath === null ? null : (deptByPath.get(p.departmentPath)?.id ?? 'new')) !== e.departmentId) return true;
  if (p.manager === undefined) return false;
  // A manager named by a row is a new employee unless that row matches a stored one by e-mail.
  const managerId = p.manager === null ? null : p.manager.kind === 'employee' ? p.manager.id : (storedIdOfRow.get(p.manager.row) ?? 'new');
  return managerId !== e.managerId;
}

/** Progress of an apply, in rows written of rows to write. */
export type ImportProgress = (done: number, total: number) => void | Promise<void>;

export interface ImportResult {
  created: number;
  updated: number;
  departmentsCreated: number;
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** The columns of an imported person as `jsonb_to_recordset` reads them. */
const recordColumns = sql.raw(
  'family_name text, given_name text, family_name_kana text, given_name_kana text, email text, employee_number text, title text',
);
const personColumns = (p: Person) => ({
  family_name: p.familyName,
  given_name: p.givenName,
  family_name_kana: p.familyNameKana,
  given_name_kana: p.givenNameKana,
  email: p.email,
  employee_number: p.employeeNumber,
});

/**
 * Applies an import in one transaction: everything or nothing. The file is checked again under the
 * organisation lock (the organisation may have changed since the dry run) and refused, naming the
 * rows, if any row has a problem. Writes in batches of 1,000 rows per statement. New employees get a
 * sign-in user without a password, as employees created by an admin without one: they cannot sign
 * in until a password is set for them. A row without an address makes an employee without a sign-in
 * user; a row that gives a stored employee their first address makes theirs (ADR 0215). The column
 * mapping is remembered for the next import.
 */
export async function applyImport(props: {
  db: Db;
  input: { file: string; mapping: ImportMapping };
  locale: Locale;
  onProgress?: ImportProgress;
}): Promise<ImportResult> {
  const { db, input, locale, onProgress } = props;
  return db.transaction(async (tx) => {
    await lockOrganisation(tx);
    const plan = await planImport(tx, input, locale);
    if (!plan.report.canApply) throw refusal(plan.report);
    const statusOf = new Map(plan.report.rows.map((r) => [r.row, r.status]));
    const creates = plan.rows.filter((p) => statusOf.get(p.row) === 'create');
    const updates = plan.rows.filter((p) => statusOf.get(p.row) === 'update');
    const withManager = plan.rows.filter((p) => p.manager !== undefined && statusOf.get(p.row) !== 'unchanged');
    const total = plan.newDepartments.length + creates.length * 2 + updates.length * 2 + withManager.length;
    let done = 0;
    const step = async (n: number) => {
      done += n;
      await onProgress?.(done, total);
    };
    await onProgress?.(0, total);

    // Departments, a level at a time so that each parent exists before its children.
    const deptIds = new Map(plan.departmentIds);
    const byDepth = new Map<number, string[]>();
    for (const p of plan.newDepartments) {
      const d = p.split(` ${departmentPathSeparator} `).length;
      byDepth.set(d, [...(byDepth.get(d) ?? []), p]);
    }
    for (const depth of [...byDepth.keys()].sort((a, b) => a - b)) {
      for (const batch of chunks(byDepth.get(depth)!)) {
        const rows = batch.map((p) => {
          const parts = p.split(` ${departmentPathSeparator} `);
          const id = randomUUID();
          deptIds.set(p, id);
          return { id, name: parts.at(-1)!, parentId: parts.length > 1 ? deptIds.get(parts.slice(0, -1).join(` ${departmentPathSeparator} `))! : null };
        });
        await tx.insert(departments).values(rows);
        await step(batch.length);
      }
    }
    const deptOf = (p: PlannedRow, current: string | null) => (p.departmentPath === undefined ? current : p.departmentPath === null ? null : deptIds.get(p.departmentPath)!);

    // New employees: their sign-in users, then the employees (managers are set afterwards, when
    // every row has its id). Each batch travels as one JSON parameter: a statement per 1,000 rows.
    const idOfRow = new Map<number, string>();
    for (const p of plan.rows) if (p.existing) idOfRow.set(p.row, p.existing.id);
    for (const batch of chunks(creates)) {
      const rows = batch.map((p) => {
        const id = randomUUID();
        idOfRow.set(p.row, id);
        return { id, user_id: p.person.email ? randomUUID() : null, name: displayName(p.person), ...personColumns(p.person), title: p.person.title ?? null, department_id: deptOf(p, null) };
      });
      const json = JSON.stringify(rows);
      await tx.execute(sql`
        insert into auth_user (id, name, email, email_verified)
        select r.user_id, r.name, r.email, true from jsonb_to_recordset(${json}::jsonb) as r(user_id text, name text, email text)
        where r.user_id is not null`);
      await step(batch.length);
      await tx.execute(sql`
        insert into employees (id, user_id, family_name, given_name, family_name_kana, given_name_kana, email, employee_number, title, department_id)
        select r.id, r.user_id, r.family_name, r.given_name, r.family_name_kana, r.given_name_kana, r.email, r.employee_number, r.title, r.department_id
        from jsonb_to_recordset(${json}::jsonb) as r(${recordColumns}, id uuid, user_id text, department_id uuid)`);
      await step(batch.length);
    }

    // Changed employees, and the names of their sign-in users.
    for (const batch of chunks(updates)) {
      const json = JSON.stringify(
        batch.map((p) => {
          const e = p.existing!;
          // A first address brings the sign-in user with it; a stored address is never replaced here.
          const newUserId = !e.userId && p.person.email ? randomUUID() : null;
          return {
            id: e.id,
            user_id: e.userId ?? newUserId,
            new_user_id: newUserId,
            name: displayName(p.person),
            ...personColumns(p.person),
            title: p.person.title === undefined ? e.title : p.person.title,
            department_id: deptOf(p, e.departmentId),
          };
        }),
      );
      await tx.execute(sql`
        insert into auth_user (id, name, email, email_verified)
        select r.new_user_id, r.name, r.email, true from jsonb_to_recordset(${json}::jsonb) as r(new_user_id text, name text, email text)
        where r.new_user_id is not null`);
      await tx.execute(sql`
        update employees e set family_name = r.family_name, given_name = r.given_name, family_name_kana = r.family_name_kana,
          given_name_kana = r.given_name_kana, employee_number = r.employee_number, title = r.title, department_id = r.department_id,
          email = coalesce(e.email, r.email), user_id = coalesce(e.user_id, r.new_user_id), updated_at = now()
        from jsonb_to_recordset(${json}::jsonb) as r(${recordColumns}, id uuid, department_id uuid, new_user_id text)
        where e.id = r.id`);
      await step(batch.length);
      await tx.execute(sql`
        update auth_user u set name = r.name, updated_at = now()
        from jsonb_to_recordset(${json}::jsonb) as r(user_id text, name text) where u.id = r.user_id`);
      await step(batch.length);
    }

    // Reporting lines, now that every row has an id.
    for (const batch of chunks(withManager)) {
      const json = JSON.stringify(
        batch.map((p) => ({
          id: idOfRow.get(p.row)!,
          manager_id: p.manager === null || p.manager === undefined ? null : p.manager.kind === 'row' ? idOfRow.get(p.manager.row)! : p.manager.id,
        })),
      );
      await tx.execute(sql`
        update employees e set manager_id = r.manager_id, updated_at = now()
        from jsonb_to_recordset(${json}::jsonb) as r(id uuid, manager_id uuid) where e.id = r.id`);
      await step(batch.length);
    }

    const mapping = JSON.stringify(input.mapping);
    await tx.insert(settings).values({ key: MAPPING_SETTING, value: mapping }).onConflictDoUpdate({ target: settings.key, set: { value: mapping } });
    return { created: creates.length, updated: updates.length, departmentsCreated: plan.newDepartments.length };
  });
}

/** The refusal of a file with problems: names the first rows that have them. */
export function refusal(report: ImportReport): ConflictError {
  const bad = report.rows.filter((r) => r.status === 'error').map((r) => r.row);
  const shown = bad.slice(0, 20).join(', ') + (bad.length > 20 ? ', …' : '');
  return new ConflictError('errors.importHasProblems', { count: bad.length, rows: shown });
}
