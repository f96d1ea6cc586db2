import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { checkInConsentVersion, type CheckInConsent, type PersonalDataExport } from '../../domain/privacy.js';
import type { Actor } from '../../domain/roles.js';
import { decryptNote } from '../crypto/noteCipher.js';
import { keyFor, type NoteKeyring } from '../crypto/noteKeys.js';
import type { Db } from '../db/client.js';
import {
  account,
  actionItems,
  apiTokens,
  auditEvents,
  calendarFeeds,
  checkInConsents,
  checkIns,
  departments,
  employees,
  feedbackRecords,
  goals,
  goalUpdates,
  meetings,
  minutes,
  notificationDeliveries,
  notificationPreferences,
  notifications,
  preQuestions,
  privateNotes,
  reflections,
  scimIdentities,
  series,
  session,
  sharedNotes,
  topics,
  user,
} from '../db/schema.js';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { privacyPolicy } from '../policies/privacy.js';

const iso = (d: Date) => d.toISOString();
const manager = alias(employees, 'manager');
const person = (e: { id: string; familyName: string; givenName: string }) => ({ id: e.id, familyName: e.familyName, givenName: e.givenName });

/**
 * Everything Taiwa holds about the caller (APPI disclosure, ADR 0213): the shape of
 * `personalDataExportSchema`. Each record passes the policy it passes when read on its own; the
 * caller's private notes are decrypted here, the partner's are never read.
 */
export async function exportPersonalData(props: { db: Db; keyring: () => Promise<NoteKeyring>; actor: Actor; now?: Date }): Promise<PersonalDataExport> {
  const { db, actor } = props;
  const me = actor.employeeId;
  const [row] = await db
    .select({ e: employees, dept: departments.name, mgr: { id: manager.id, familyName: manager.familyName, givenName: manager.givenName } })
    .from(employees)
    .leftJoin(departments, eq(departments.id, employees.departmentId))
    .leftJoin(manager, eq(manager.id, employees.managerId))
    .where(eq(employees.id, me));
  if (!row) throw new NotFoundError('errors.employeeNotFound');
  const e = row.e;

  const consents = await db.select().from(checkInConsents).where(eq(checkInConsents.employeeId, me)).orderBy(asc(checkInConsents.givenAt));

  const partner = alias(employees, 'partner');
  const seriesRows = (
    await db
      .select({ s: series, partner: { id: partner.id, familyName: partner.familyName, givenName: partner.givenName } })
      .from(series)
      .innerJoin(partner, sql`${partner.id} = case when ${series.managerId} = ${me}::uuid then ${series.reportId} else ${series.managerId} end`)
      .where(or(eq(series.managerId, me), eq(series.reportId, me)))
      .orderBy(asc(series.startDate))
  ).filter((r) => privacyPolicy.exportSeries(actor, r.s));
  const seriesIds = seriesRows.map((r) => r.s.id);
  const none = seriesIds.length === 0;

  const meetingRows = none ? [] : await db.select().from(meetings).where(inArray(meetings.seriesId, seriesIds)).orderBy(asc(meetings.startsAt));
  const meetingIds = meetingRows.map((m) => m.id);
  const noMeetings = meetingIds.length === 0;
  const [topicRows, questionRows, checkInRows, notesRows, minutesRows, noteRows, reflectionRows, itemRows, feedbackRows] = await Promise.all([
    noMeetings ? [] : db.select().from(topics).where(inArray(topics.meetingId, meetingIds)).orderBy(asc(topics.position)),
    noMeetings ? [] : db.select().from(preQuestions).where(inArray(preQuestions.meetingId, meetingIds)).orderBy(asc(preQuestions.position)),
    noMeetings ? [] : db.select().from(checkIns).where(inArray(checkIns.meetingId, meetingIds)),
    noMeetings ? [] : db.select({ meetingId: sharedNotes.meetingId, text: sharedNotes.text }).from(sharedNotes).where(inArray(sharedNotes.meetingId, meetingIds)),
    noMeetings ? [] : db.select().from(minutes).where(inArray(minutes.meetingId, meetingIds)),
    // Only rows the caller wrote are selected; the policy below checks each again.
    noMeetings ? [] : db.select().from(privateNotes).where(and(inArray(privateNotes.meetingId, meetingIds), eq(privateNotes.authorId, me))),
    noMeetings ? [] : db.select().from(reflections).where(and(inArray(reflections.meetingId, meetingIds), eq(reflections.authorId, me))),
    none ? [] : db.select().from(actionItems).where(inArray(actionItems.seriesId, seriesIds)).orderBy(asc(actionItems.createdAt)),
    none
      ? []
      : db
          .select()
          .from(feedbackRecords)
          .where(and(inArray(feedbackRecords.seriesId, seriesIds), or(eq(feedbackRecords.giverId, me), eq(feedbackRecords.receiverId, me))))
          .orderBy(asc(feedbackRecords.createdAt)),
  ]);

  const seriesById = new Map(seriesRows.map((r) => [r.s.id, r.s]));
  const keyring = noteRows.length > 0 ? await props.keyring() : null;
  const myNotes = new Map<string, string>();
  const seriesOfMeeting = new Map(meetingRows.map((m) => [m.id, m.seriesId]));
  for (const n of noteRows) {
    if (!privacyPolicy.exportPrivateNote(actor, { authorId: n.authorId, pair: seriesById.get(seriesOfMeeting.get(n.meetingId)!)! })) continue;
    try {
      myNotes.set(n.meetingId, decryptNote(keyFor(keyring!, n.keyVersion), n.ciphertext, { meetingId: n.meetingId, authorId: n.authorId }));
    } catch (err) {
      throw Object.assign(new AppError('internal', 'errors.privateNoteUnreadable'), { cause: err });
    }
  }
  const byMeeting = <T extends { meetingId: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const r of rows) map.set(r.meetingId, [...(map.get(r.meetingId) ?? []), r]);
    return map;
  };
  const topicsBy = byMeeting(topicRows.filter((t) => privacyPolicy.exportTopic(actor, t)));
  const questionsBy = byMeeting(questionRows);
  const checkInBy = new Map(checkInRows.map((r) => [r.meetingId, r]));
  const notesBy = new Map(notesRows.map((r) => [r.meetingId, r.text]));
  const minutesBy = new Map(minutesRows.map((r) => [r.meetingId, r]));
  const reflectionBy = new Map(reflectionRows.map((r) => [r.meetingId, r]));

  const goalRows = await db.select().from(goals).where(eq(goals.ownerId, me)).orderBy(asc(goals.createdAt));
  const updateRows =
    goalRows.length === 0
      ? []
      : await db
          .select()
          .from(goalUpdates)
          .where(
            inArray(
              goalUpdates.goalId,
              goalRows.map((g) => g.id),
            ),
          )
          .orderBy(asc(goalUpdates.createdAt));

  const auditActor = alias(employees, 'audit_actor');
  const auditRows = await db
    .select({ a: auditEvents, actor: { id: auditActor.id, familyName: auditActor.familyName, givenName: auditActor.givenName } })
    .from(auditEvents)
    .innerJoin(auditActor, eq(auditActor.id, auditEvents.actorId))
    .where(eq(auditEvents.subjectId, me))
    .orderBy(desc(auditEvents.at));

  return {
    format: 'taiwa-personal-data',
    version: 1,
    exportedAt: iso(props.now ?? new Date()),
    profile: {
      id: e.id,
      familyName: e.familyName,
      givenName: e.givenName,
      familyNameKana: e.familyNameKana,
      givenNameKana: e.givenNameKana,
      email: e.email,
      employeeNumber: e.employeeNumber,
      title: e.title,
      department: row.dept ?? null,
      manager: row.mgr?.id ? person(row.mgr) : null,
      locale: e.locale,
      timeZone: e.timeZone,
      active: e.active,
      createdAt: iso(e.createdAt),
    },
    checkInConsents: consents.map((c) => ({
      statementVersion: c.statementVersion,
      givenAt: iso(c.givenAt),
      withdrawnAt: c.withdrawnAt ? iso(c.withdrawnAt) : null,
      pastDeleted: c.pastDeleted,
    })),
    series: seriesRows.map(({ s, partner: p }) => ({
      id: s.id,
      myRole: s.managerId === me ? ('manager' as const) : ('report' as const),
      partner: person(p),
      purpose: s.purpose,
      status: s.status,
      cadence: s.cadence,
      startDate: s.startDate,
      meetings: meetingRows
        .filter((m) => m.seriesId === s.id)
        .map((m) => {
          const ci = checkInBy.get(m.id);
          const mn = minutesBy.get(m.id);
          const rf = reflectionBy.get(m.id);
          return {
            id: m.id,
            startsAt: iso(m.startsAt),
            status: m.status,
            cancelReason: m.cancelReason,
            topics: (topicsBy.get(m.id) ?? []).map((t) => ({
              id: t.id,
              author: t.authorId === me ? ('me' as const) : ('partner' as const),
              title: t.title,
              note: t.note,
              category: t.category,
              wantedResponse: t.wantedResponse,
              visibility: t.visibility,
              discussed: t.discussed,
            })),
            preQuestions: (questionsBy.get(m.id) ?? []).map((q) => ({ text: q.text, answer: q.answer })),
            checkIn: ci ? { score: ci.score, comment: ci.comment, createdAt: iso(ci.createdAt) } : null,
            sharedNotes: notesBy.get(m.id) || null,
            minutes: mn ? { status: mn.status, body: mn.body, reportComment: mn.reportComment } : null,
            myPrivateNote: myNotes.get(m.id) ?? null,
            myReflection: rf ? { feltHeard: rf.feltHeard, useful: rf.useful, ownListening: rf.ownListening, gained: rf.gained, improve: rf.improve } : null,
          };
        }),
      actionItems: itemRows
        .filter((i) => i.seriesId === s.id)
        .map((i) => ({ title: i.title, owner: i.ownerId === me ? ('me' as const) : ('partner' as const), dueDate: i.dueDate, status: i.status, support: i.support })),
      feedback: feedbackRows
        .filter((f) => f.seriesId === s.id)
        .map((f) => ({
          direction: f.giverId === me ? ('given' as const) : ('received' as const),
          kind: f.kind,
          situation: f.situation,
          behaviour: f.behaviour,
          impact: f.impact,
          createdAt: iso(f.createdAt),
        })),
    })),
    goals: goalRows.map((g) => ({
      id: g.id,
      kind: g.kind,
      title: g.title,
      status: g.status,
      createdAt: iso(g.createdAt),
      updates: updateRows
        .filter((u) => u.goalId === g.id)
        .map((u) => ({ mine: u.authorId === me, progress: u.value, comment: u.comment, createdAt: iso(u.createdAt) })),
    })),
    auditEvents: auditRows.map((r) => ({ actor: person(r.actor), action: r.a.action, targetId: r.a.targetId, at: iso(r.a.at) })),
  };
}

// ---- Consent to condition check-ins (SPEC §3.2) ----

/** The caller's consent: the current row, or the last withdrawal. */
export async function loadCheckInConsent(db: Db, employeeId: string): Promise<CheckInConsent> {
  const [last] = await db.select().from(checkInConsents).where(eq(checkInConsents.employeeId, employeeId)).orderBy(desc(checkInConsents.givenAt)).limit(1);
  const current = last && !last.withdrawnAt ? last : null;
  return {
    given: !!current && current.statementVersion === checkInConsentVersion,
    statementVersion: current?.statementVersion ?? null,
    givenAt: current ? iso(current.givenAt) : null,
    currentVersion: checkInConsentVersion,
    withdrawnAt: last?.withdrawnAt ? iso(last.withdrawnAt) : null,
  };
}

/** Whether the person has consented to the current statement (a check-in is stored only then). */
export async function hasCheckInConsent(db: Pick<Db, 'select'>, employeeId: string): Promise<boolean> {
  const [row] = await db
    .select({ v: checkInConsents.statementVersion })
    .from(checkInConsents)
    .where(and(eq(checkInConsents.employeeId, employeeId), isNull(checkInConsents.withdrawnAt)));
  return row?.v === checkInConsentVersion;
}

/** Records consent to the statement `statementVersion` (which must be the current one); a consent to an older statement is replaced. */
export async function giveCheckInConsent(db: Db, actor: Actor, statementVersion: number): Promise<void> {
  if (statementVersion !== checkInConsentVersion) throw new ConflictError('errors.consentStatementChanged', {}, 'statementVersion');
  await db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(checkInConsents)
      .where(and(eq(checkInConsents.employeeId, actor.employeeId), isNull(checkInConsents.withdrawnAt)))
      .for('update');
    if (current?.statementVersion === statementVersion) return;
    if (current) await tx.update(checkInConsents).set({ withdrawnAt: new Date() }).where(eq(checkInConsents.id, current.id));
    await tx.insert(checkInConsents).values({ employeeId: actor.employeeId, statementVersion });
  });
}

/**
 * Withdraws the caller's consent: no new check-ins from now on. With `deletePastCheckIns` every
 * check-in they made (score and comment) is deleted too, and the aggregates of the months they
 * fed lose them; otherwise past check-ins stay as they were. Returns how many were deleted.
 */
export async function withdrawCheckInConsent(db: Db, actor: Actor, deletePastCheckIns: boolean): Promise<number> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(checkInConsents)
      .where(and(eq(checkInConsents.employeeId, actor.employeeId), isNull(checkInConsents.withdrawnAt)))
      .for('update');
    if (!current) throw new ConflictError('errors.consentNotGiven');
    await tx.update(checkInConsents).set({ withdrawnAt: new Date(), pastDeleted: deletePastCheckIns }).where(eq(checkInConsents.id, current.id));
    if (!deletePastCheckIns) return 0;
    const gone = await tx.delete(checkIns).where(eq(checkIns.reportId, actor.employeeId)).returning({ id: checkIns.id });
    return gone.length;
  });
}

// ---- Anonymisation on request (deletion under APPI) ----

/**
 * Anonymises an employee on a documented request (ADR 0213). Erased: names, kana, e-mail, employee
 * number and title; the sign-in user, its accounts and sessions; API tokens, the calendar feed,
 * notifications and preferences, the SCIM identity; their private notes; the free texts of their
 * check-ins and reflections; their consents. Kept: the employee row (as "deleted user", inactive),
 * its department and reporting line, and every numeric row that feeds aggregates (check-in scores,
 * ratings, meetings, action items), so dashboards and formality counts do not move. Shared content
 * they wrote in a pair (topics, minutes, feedback, action items) stays for the partner under
 * "deleted user". Cannot be undone. `confirmName` must be the person's full name as the directory
 * shows it ("family given").
 */
export async function anonymiseEmployee(db: Db, actor: Actor, employeeId: string, confirmName: string): Promise<Date> {
  return db.transaction(async (tx) => {
    const [target] = await tx.select().from(employees).where(eq(employees.id, employeeId)).for('update');
    if (!target) throw new NotFoundError('errors.employeeNotFound');
    if (target.anonymisedAt) throw new ConflictError('errors.alreadyAnonymised');
    if (!privacyPolicy.anonymise(actor, target)) throw new ConflictError('errors.selfAnonymise');
    const expected = `${target.familyName} ${target.givenName}`.replace(/\s+/g, ' ').trim();
    if (confirmName.replace(/\s+/g, ' ').trim() !== expected) throw new ValidationError({ confirmName: { key: 'errors.anonymiseNameMismatch' } });

    const now = new Date();
    const placeholder = `deleted-${target.id}`;
    // The sign-in side: sessions and accounts (passwords, SSO links) go; the user row stays, blank.
    // (An employee provisioned without an e-mail address has no sign-in user: ADR 0215.)
    if (target.userId) {
      await tx.delete(session).where(eq(session.userId, target.userId));
      await tx.delete(account).where(eq(account.userId, target.userId));
      await tx.update(user).set({ name: '', email: `${placeholder}@anonymised.invalid`, image: null, emailVerified: false }).where(eq(user.id, target.userId));
    }
    await tx.delete(apiTokens).where(eq(apiTokens.employeeId, target.id));
    await tx.delete(calendarFeeds).where(eq(calendarFeeds.employeeId, target.id));
    await tx.delete(notifications).where(eq(notifications.recipientId, target.id));
    await tx.delete(notificationDeliveries).where(eq(notificationDeliveries.recipientId, target.id));
    await tx.delete(notificationPreferences).where(eq(notificationPreferences.employeeId, target.id));
    await tx.delete(scimIdentities).where(eq(scimIdentities.resourceId, target.id));
    // Personal free text: private notes deleted; check-in and reflection comments cleared, numbers kept.
    await tx.delete(privateNotes).where(eq(privateNotes.authorId, target.id));
    await tx.update(checkIns).set({ comment: null }).where(eq(checkIns.reportId, target.id));
    await tx.update(reflections).set({ gained: null, improve: null }).where(eq(reflections.authorId, target.id));
    // Their private drafts were readable by nobody else: their text goes (the rows keep the agenda's shape).
    await tx.update(topics).set({ title: '', note: null }).where(and(eq(topics.authorId, target.id), eq(topics.visibility, 'private')));
    await tx.delete(checkInConsents).where(eq(checkInConsents.employeeId, target.id));
    await tx
      .update(employees)
      .set({
        familyName: '',
        givenName: '',
        familyNameKana: '',
        givenNameKana: '',
        email: target.userId ? `${placeholder}@anonymised.invalid` : null,
        employeeNumber: placeholder,
        title: null,
        active: false,
        isHr: false,
        isAdmin: false,
        deactivatedAt: target.deactivatedAt ?? now,
        anonymisedAt: now,
      })
      .where(eq(employees.id, target.id));
    return now;
  });
}
