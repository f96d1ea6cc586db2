import { z } from 'zod';
import { idSchema, optionalText, pageOf, pageQuerySchema, requiredText } from './common.js';
import { limits } from './limits.js';

/** Katakana or hiragana (with spaces and the long-vowel mark): how names are read. */
export const kanaSchema = requiredText(limits.kanaMax).regex(/^[\p{Script=Katakana}\p{Script=Hiragana}ー・\s]+$/u, {
  message: 'kana',
});

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  // An empty address is missing ("required"), not malformed.
  .min(1)
  .max(limits.emailMax)
  .pipe(z.email());

/**
 * An address that may be missing (ADR 0215): empty becomes null. An employee without one exists in
 * the organisation but cannot sign in and is sent nothing until an address is filled in.
 */
export const optionalEmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(limits.emailMax)
  .nullish()
  .transform((v) => (v ? v : null))
  .pipe(z.email().nullable());

const employeeNumber = requiredText(limits.employeeNumberMax).regex(/^[A-Za-z0-9_-]+$/, { message: 'employeeNumber' });

/** What an admin fills in to create an employee. */
export const employeeCreateSchema = z.object({
  familyName: requiredText(limits.nameMax),
  givenName: requiredText(limits.nameMax),
  familyNameKana: kanaSchema,
  givenNameKana: kanaSchema,
  email: optionalEmailSchema,
  employeeNumber,
  title: optionalText(limits.titleMax),
  departmentId: idSchema.nullish().transform((v) => v ?? null),
  managerId: idSchema.nullish().transform((v) => v ?? null),
  isHr: z.boolean().default(false),
  isAdmin: z.boolean().default(false),
  /** Initial password (needs an e-mail address); without one the employee cannot sign in until an admin sets one. */
  password: z.string().min(limits.passwordMin).max(limits.passwordMax).optional(),
});
export type EmployeeCreate = z.input<typeof employeeCreateSchema>;

/** What an admin may change; every field optional. An address may be added, never removed. */
export const employeeUpdateSchema = z
  .object({
    familyName: requiredText(limits.nameMax),
    givenName: requiredText(limits.nameMax),
    familyNameKana: kanaSchema,
    givenNameKana: kanaSchema,
    email: emailSchema,
    employeeNumber,
    title: optionalText(limits.titleMax),
    departmentId: idSchema.nullable(),
    managerId: idSchema.nullable(),
    isHr: z.boolean(),
    isAdmin: z.boolean(),
    active: z.boolean(),
    password: z.string().min(limits.passwordMin).max(limits.passwordMax),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'emptyUpdate' });
export type EmployeeUpdate = z.input<typeof employeeUpdateSchema>;

export const setManagerSchema = z.object({ managerId: idSchema.nullable() });

/** Abilities the caller has on one employee, computed by the server's policy. */
export const employeeAbilitiesSchema = z.object({
  update: z.boolean(),
  deactivate: z.boolean(),
  setManager: z.boolean(),
  viewAdminFields: z.boolean(),
  /** Anonymise on request (APPI, ADR 0213): admins, not themselves, once. */
  anonymise: z.boolean(),
});
export type EmployeeAbilities = z.infer<typeof employeeAbilitiesSchema>;

const personRef = z.object({
  id: z.string(),
  familyName: z.string(),
  givenName: z.string(),
  title: z.string().nullable(),
});
export type PersonRef = z.infer<typeof personRef>;

export const employeeSchema = z.object({
  id: z.string(),
  familyName: z.string(),
  givenName: z.string(),
  familyNameKana: z.string(),
  givenNameKana: z.string(),
  /** Null: no e-mail address yet (ADR 0215) — the person cannot sign in and is sent no mail. */
  email: z.string().nullable(),
  employeeNumber: z.string(),
  title: z.string().nullable(),
  department: z.object({ id: z.string(), name: z.string() }).nullable(),
  manager: personRef.nullable(),
  active: z.boolean(),
  /** Anonymised on request: names and addresses are erased (shown as "deleted user"). */
  anonymised: z.boolean(),
  /** Present only for callers who may see admin fields. */
  isHr: z.boolean().optional(),
  isAdmin: z.boolean().optional(),
  canSignIn: z.boolean().optional(),
  directReportCount: z.number().int(),
  abilities: employeeAbilitiesSchema,
});
export type Employee = z.infer<typeof employeeSchema>;

export const employeeListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(limits.searchMax).optional(),
  departmentId: idSchema.optional(),
  managerId: idSchema.optional(),
  status: z.enum(['active', 'inactive', 'all']).default('active'),
  /**
   * Keyset paging (ADR 0222): the `nextCursor` of the previous answer, opaque. With a cursor the
   * page starts right after that row in the directory's order and `page` is not used.
   */
  cursor: z.string().max(1000).optional(),
});

export const employeeListSchema = pageOf(employeeSchema).extend({
  /** Counted only when the request has no cursor (the first page, or a page asked for by number); null with a cursor. */
  total: z.number().int().nullable(),
  /** Pass as `cursor` for the page after this one; null on the last page. */
  nextCursor: z.string().nullable(),
  abilities: z.object({ create: z.boolean() }),
});
export type EmployeeList = z.infer<typeof employeeListSchema>;

export { personRef as personRefSchema };
