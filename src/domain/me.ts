import { z } from 'zod';
import { localeSchema, requiredText, timeZoneSchema } from './common.js';
import { emailSchema, kanaSchema, personRefSchema } from './employees.js';
import { limits } from './limits.js';
import { roles } from './roles.js';

/** Who is signed in, what they are, and what the app lets them do (navigation follows these). */
export const meSchema = z.object({
  id: z.string(),
  email: z.string(),
  familyName: z.string(),
  givenName: z.string(),
  title: z.string().nullable(),
  department: z.object({ id: z.string(), name: z.string() }).nullable(),
  manager: personRefSchema.nullable(),
  directReports: z.array(personRefSchema),
  roles: z.array(z.enum(roles)),
  locale: localeSchema,
  timeZone: z.string(),
  organisationName: z.string(),
  abilities: z.object({
    manageEmployees: z.boolean(),
    manageDepartments: z.boolean(),
    viewDirectory: z.boolean(),
    /** hr and admin: the question bank and agenda templates. */
    manageGuidance: z.boolean(),
  }),
});
export type Me = z.infer<typeof meSchema>;

export const meUpdateSchema = z
  .object({ locale: localeSchema, timeZone: timeZoneSchema })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'emptyUpdate' });

/** First-run set-up on an empty database: the first admin. */
export const setupSchema = z.object({
  organisationName: requiredText(limits.departmentNameMax),
  familyName: requiredText(limits.nameMax),
  givenName: requiredText(limits.nameMax),
  familyNameKana: kanaSchema,
  givenNameKana: kanaSchema,
  email: emailSchema,
  password: z.string().min(limits.passwordMin).max(limits.passwordMax),
});

/** Signing in with email and password (the body of better-auth's sign-in endpoint, as the product sends it). */
export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1),
});

/**
 * Changing one's own password. The server also checks the new one against its password policy
 * (common passwords, the person's own name and e-mail), which needs data only it holds.
 */
export const passwordChangeSchema = z.object({
  currentPassword: z.string().min(1),
  newPassword: z.string().min(limits.passwordMin).max(limits.passwordMax),
});

/** The password form also asks for the new password twice; the second copy never leaves the browser. */
export const passwordChangeFormSchema = passwordChangeSchema
  .extend({ confirmPassword: z.string() })
  .refine((v) => v.confirmPassword === v.newPassword, { path: ['confirmPassword'], message: 'passwordMismatch' });

export const setupStatusSchema = z.object({ needsSetup: z.boolean() });
