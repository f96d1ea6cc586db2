import { z } from 'zod';
import { idSchema, pageOf, pageQuerySchema } from './common.js';

/**
 * What the audit log records (SPEC §2, ADR 0210): reads of another person's 1on1 content, and
 * administrative actions. Never the content itself: who, what kind, whose, which record, when.
 */
export const auditReadActions = [
  'prepBrief.read',
  'meeting.read',
  'minutes.read',
  'sharedNotes.read',
  'feedback.read',
  'reflection.read',
  'history.read',
  'goals.read',
  'employee.read',
] as const;
export const auditAdminActions = [
  'employee.create',
  'employee.update',
  'employee.deactivate',
  'employee.setManager',
  'employee.anonymise',
  'personalData.export',
  'checkInConsent.give',
  'checkInConsent.withdraw',
  'employeeImport.apply',
  'employeeExport.download',
  'department.create',
  'department.update',
  'webhook.create',
  'webhook.update',
  'webhook.delete',
  'sso.update',
  'scimToken.create',
  'scimToken.revoke',
] as const;
export const auditActions = [...auditReadActions, ...auditAdminActions] as const;
export type AuditAction = (typeof auditActions)[number];
export type AuditReadAction = (typeof auditReadActions)[number];
export type AuditAdminAction = (typeof auditAdminActions)[number];

export const auditLimits = {
  /** Default retention of audit events (two years), overridable with TAIWA_AUDIT_RETENTION_DAYS. */
  retentionDaysDefault: 730,
  /** No configuration may keep the log shorter than this; the database refuses an earlier purge. */
  retentionDaysMin: 30,
  /** The same person opening the same record again within this many minutes is one event. */
  repeatMinutes: 10,
  /** Entries per page on the pages that list them. */
  pageSize: 20,
} as const;

const person = z.object({ id: idSchema, familyName: z.string(), givenName: z.string() });

/** One read of my records, as I see it: who, what kind, which record, when — never its content. */
export const myAuditEventSchema = z.object({
  id: idSchema,
  actor: person,
  action: z.enum(auditReadActions),
  targetId: idSchema.nullable(),
  at: z.iso.datetime(),
});
export type MyAuditEvent = z.infer<typeof myAuditEventSchema>;
/** A page of reads of my records, and how many days entries are kept. */
export const myAuditPageSchema = pageOf(myAuditEventSchema).extend({ retentionDays: z.number().int() });
export type MyAuditPage = z.infer<typeof myAuditPageSchema>;

/** One administrative action, as admins read the log. */
export const adminAuditEventSchema = z.object({
  id: idSchema,
  actor: person,
  subject: person.nullable(),
  action: z.enum(auditAdminActions),
  targetId: idSchema.nullable(),
  at: z.iso.datetime(),
});
export type AdminAuditEvent = z.infer<typeof adminAuditEventSchema>;
export const adminAuditPageSchema = pageOf(adminAuditEventSchema);
export type AdminAuditPage = z.infer<typeof adminAuditPageSchema>;

export const myAuditQuerySchema = pageQuerySchema;
export const adminAuditQuerySchema = pageQuerySchema.extend({
  actorId: idSchema.optional(),
  action: z.enum(auditAdminActions).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
