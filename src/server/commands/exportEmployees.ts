import { exportHeaders, importFields } from '../../domain/employeeImport.js';
import { encodeCsv, type CsvEncoding } from '../csv/encode.js';
import type { Db } from '../db/client.js';
import { departments, employees } from '../db/schema.js';
import { departmentPaths } from './importEmployees.js';

/**
 * The organisation as a CSV file the import reads back unchanged: active employees with their
 * department path and their manager (by e-mail and by employee number), headers in Japanese as HR
 * software writes them. UTF-8 with a byte-order mark (Excel then opens it correctly), or Shift_JIS
 * (CP932) for older payroll software; characters CP932 lacks become `?` there.
 */
export async function exportEmployeesCsv(db: Db, encoding: CsvEncoding): Promise<Uint8Array> {
  const people = await db
    .select({
      id: employees.id,
      employeeNumber: employees.employeeNumber,
      familyName: employees.familyName,
      givenName: employees.givenName,
      familyNameKana: employees.familyNameKana,
      givenNameKana: employees.givenNameKana,
      email: employees.email,
      title: employees.title,
      departmentId: employees.departmentId,
      managerId: employees.managerId,
      active: employees.active,
    })
    .from(employees)
    .orderBy(employees.employeeNumber);
  const paths = departmentPaths(await db.select({ id: departments.id, name: departments.name, parentId: departments.parentId }).from(departments));
  const byId = new Map(people.map((p) => [p.id, p]));
  const rows = people
    .filter((p) => p.active)
    .map((p) => {
      const m = p.managerId ? byId.get(p.managerId) : undefined;
      const values: Record<(typeof importFields)[number], string> = {
        employeeNumber: p.employeeNumber,
        familyName: p.familyName,
        givenName: p.givenName,
        familyNameKana: p.familyNameKana,
        givenNameKana: p.givenNameKana,
        email: p.email ?? '',
        title: p.title ?? '',
        department: p.departmentId ? (paths.get(p.departmentId) ?? '') : '',
        managerEmail: m?.email ?? '',
        managerEmployeeNumber: m?.employeeNumber ?? '',
      };
      return importFields.map((f) => values[f]);
    });
  return encodeCsv([importFields.map((f) => exportHeaders[f]), ...rows], encoding);
}
