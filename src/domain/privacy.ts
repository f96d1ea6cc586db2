import { z } from 'zod';

/**
 * Personal data rights under Japan's APPI (個人情報保護法; SPEC §1, §3.2, ADR 0213): a person's
 * export of their own data, consent to condition check-ins, and anonymisation on request.
 */

/**
 * The version of the statement a person consents to before their first condition check-in. Raise it
 * whenever the statement (web dictionaries `privacy.consent.*`) changes what is stored, who sees it
 * or where it goes: everybody is then asked again before their next check-in.
 */
export const checkInConsentVersion = 1;

/** My consent to condition check-ins: whether it is current, and when and to which statement I gave it. */
export const checkInConsentSchema = z.object({
  given: z.boolean(),
  /** The statement version the person consented to (null: never, or withdrawn). */
  statementVersion: z.number().int().nullable(),
  givenAt: z.iso.datetime().nullable(),
  /** The current statement's version: a consent to an older one is asked again. */
  currentVersion: z.number().int(),
  /** When the person last withdrew (null: never). */
  withdrawnAt: z.iso.datetime().nullable(),
});
export type CheckInConsent = z.infer<typeof checkInConsentSchema>;

/** Giving consent: to the statement version the person was shown (a stale page is asked again). */
export const checkInConsentGiveSchema = z.object({
  statementVersion: z.number().int().min(1),
});

/** Withdrawing consent: the person chooses whether their past check-ins are deleted too. */
export const checkInConsentWithdrawSchema = z.object({
  deletePastCheckIns: z.boolean(),
});
export const checkInConsentWithdrawnSchema = checkInConsentSchema.extend({ deletedCheckIns: z.number().int() });

/** The admin's confirmation of an anonymisation: the person's full name as the directory shows it. */
export const anonymiseSchema = z.object({
  confirmName: z.string().trim().min(1).max(200),
});
export const anonymisedSchema = z.object({ id: z.string(), anonymisedAt: z.iso.datetime() });

/** A person, as the export names the other side of a record (a deleted user has empty names). */
const personSchema = z.object({ id: z.string(), familyName: z.string(), givenName: z.string() });

/**
 * Everything Taiwa holds about one person, as they download it (JSON, `GET /api/me/export`).
 * Content of the pair is included where the person may read it; the partner's private notes and
 * private drafts never are; ratings the manager sees only aggregated are the person's own.
 */
export const personalDataExportSchema = z.object({
  format: z.literal('taiwa-personal-data'),
  version: z.literal(1),
  exportedAt: z.iso.datetime(),
  profile: z.object({
    id: z.string(),
    familyName: z.string(),
    givenName: z.string(),
    familyNameKana: z.string(),
    givenNameKana: z.string(),
    email: z.string().nullable(),
    employeeNumber: z.string(),
    title: z.string().nullable(),
    department: z.string().nullable(),
    manager: personSchema.nullable(),
    locale: z.string(),
    timeZone: z.string(),
    active: z.boolean(),
    createdAt: z.iso.datetime(),
  }),
  checkInConsents: z.array(
    z.object({ statementVersion: z.number(), givenAt: z.iso.datetime(), withdrawnAt: z.iso.datetime().nullable(), pastDeleted: z.boolean() }),
  ),
  series: z.array(
    z.object({
      id: z.string(),
      myRole: z.enum(['manager', 'report']),
      partner: personSchema,
      purpose: z.string().nullable(),
      status: z.string(),
      cadence: z.string(),
      startDate: z.string(),
      meetings: z.array(
        z.object({
          id: z.string(),
          startsAt: z.iso.datetime(),
          status: z.string(),
          cancelReason: z.string().nullable(),
          topics: z.array(
            z.object({
              id: z.string(),
              author: z.enum(['me', 'partner']),
              title: z.string(),
              note: z.string().nullable(),
              category: z.string(),
              wantedResponse: z.string(),
              visibility: z.enum(['private', 'pair']),
              discussed: z.boolean(),
            }),
          ),
          preQuestions: z.array(z.object({ text: z.string(), answer: z.string().nullable() })),
          checkIn: z.object({ score: z.number(), comment: z.string().nullable(), createdAt: z.iso.datetime() }).nullable(),
          sharedNotes: z.string().nullable(),
          minutes: z.object({ status: z.string(), body: z.string(), reportComment: z.string().nullable() }).nullable(),
          /** My own private note, decrypted; never the partner's. */
          myPrivateNote: z.string().nullable(),
          myReflection: z
            .object({
              feltHeard: z.number().nullable(),
              useful: z.number().nullable(),
              ownListening: z.number().nullable(),
              gained: z.string().nullable(),
              improve: z.string().nullable(),
            })
            .nullable(),
        }),
      ),
      actionItems: z.array(
        z.object({ title: z.string(), owner: z.enum(['me', 'partner']), dueDate: z.string().nullable(), status: z.string(), support: z.boolean() }),
      ),
      feedback: z.array(
        z.object({
          direction: z.enum(['given', 'received']),
          kind: z.string(),
          situation: z.string(),
          behaviour: z.string(),
          impact: z.string(),
          createdAt: z.iso.datetime(),
        }),
      ),
    }),
  ),
  goals: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      title: z.string(),
      status: z.string(),
      createdAt: z.iso.datetime(),
      updates: z.array(z.object({ mine: z.boolean(), progress: z.number().nullable(), comment: z.string().nullable(), createdAt: z.iso.datetime() })),
    }),
  ),
  /** The audit log about me: who read my records, and administrative actions on me (who, what, when; no content). */
  auditEvents: z.array(z.object({ actor: personSchema, action: z.string(), targetId: z.string().nullable(), at: z.iso.datetime() })),
});
export type PersonalDataExport = z.infer<typeof personalDataExportSchema>;
