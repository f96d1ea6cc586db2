import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, ne, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { localDateOf, localTimeOf, zonedToUtc } from '../../domain/calendar.js';
import { cadenceDates } from '../../domain/series.js';
import { scheduleOf } from '../commands/occurrences.js';
import type { Tx } from '../db/client.js';
import { employees, meetings, series } from '../db/schema.js';

/** A new feed secret (shown once) and the hash that is stored in its place. */
export function newFeedToken(): { token: string; hash: string } {
  const token = randomBytes(24).toString('base64url');
  return { token, hash: hashFeedToken(token) };
}

/** SHA-256 of a feed token: the database never holds a usable URL. */
export function hashFeedToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const icsWeekday = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

function escapeText(s: string): string {
  return s.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets (RFC 5545 §3.1) without splitting a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let cur = '';
  let bytes = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > (out.length ? 74 : 75)) {
      out.push(cur);
      cur = '';
      bytes = 0;
    }
    cur += ch;
    bytes += n;
  }
  out.push(cur);
  return out.join('\r\n ');
}

const utcStamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
/** Local wall time of `instant` in `timeZone` as an iCalendar DATE-TIME without zone (used with TZID). */
function localStamp(instant: Date, timeZone: string): string {
  return `${localDateOf(instant, timeZone).replace(/-/g, '')}T${localTimeOf(instant, timeZone).replace(':', '')}00`;
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();
function offsetMinutes(instant: number, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormats.set(timeZone, format);
  }
  const name = format.formatToParts(new Date(instant)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

function fmtOffset(min: number): string {
  const sign = min < 0 ? '-' : '+';
  const a = Math.abs(min);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}${String(a % 60).padStart(2, '0')}`;
}

/**
 * A VTIMEZONE for an IANA zone built from the runtime's zone data: every offset change between
 * `from` and `to`, so calendar clients place TZID times right without their own zone database.
 */
export function vtimezone(timeZone: string, from: Date, to: Date): string[] {
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`];
  const start = from.getTime();
  const first = offsetMinutes(start, timeZone);
  lines.push('BEGIN:STANDARD', 'DTSTART:19700101T000000', `TZOFFSETFROM:${fmtOffset(first)}`, `TZOFFSETTO:${fmtOffset(first)}`, 'END:STANDARD');
  let prev = first;
  for (let t = start; t < to.getTime(); t += 86_400_000) {
    const next = offsetMinutes(t + 86_400_000, timeZone);
    if (next === prev) continue;
    let lo = t;
    let hi = t + 86_400_000;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offsetMinutes(mid, timeZone) === prev) lo = mid;
      else hi = mid;
    }
    const wall = new Date(hi + prev * 60_000).toISOString().replace(/[-:]/g, '').slice(0, 15);
    const kind = next > prev ? 'DAYLIGHT' : 'STANDARD';
    lines.push(`BEGIN:${kind}`, `DTSTART:${wall}`, `TZOFFSETFROM:${fmtOffset(prev)}`, `TZOFFSETTO:${fmtOffset(next)}`, `END:${kind}`);
    prev = next;
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

/** The RRULE of a series' cadence (dates only; EXDATE and overrides carry every exception). */
function rruleOf(s: typeof series.$inferSelect, until: Date): string {
  const u = `UNTIL=${utcStamp(until)}`;
  switch (s.cadence) {
    case 'weekly':
      return `RRULE:FREQ=WEEKLY;INTERVAL=1;${u}`;
    case 'biweekly':
      return `RRULE:FREQ=WEEKLY;INTERVAL=2;${u}`;
    case 'everyNDays':
      return `RRULE:FREQ=DAILY;INTERVAL=${s.intervalDays ?? 7};${u}`;
    case 'monthlyDay': {
      const d = s.dayOfMonth ?? 1;
      // The cadence takes the month's last day when it is shorter than the chosen day.
      return d <= 28 ? `RRULE:FREQ=MONTHLY;BYMONTHDAY=${d};${u}` : `RRULE:FREQ=MONTHLY;BYMONTHDAY=${Array.from({ length: d - 27 }, (_x, i) => 28 + i).join(',')};BYSETPOS=-1;${u}`;
    }
    case 'monthlyWeekday': {
      const n = s.weekOfMonth === 5 ? -1 : (s.weekOfMonth ?? 1);
      return `RRULE:FREQ=MONTHLY;BYDAY=${n}${icsWeekday[s.weekday ?? 1]};${u}`;
    }
  }
}

/**
 * The personal iCalendar feed of one employee (SPEC §7): each series they hold as one recurring
 * event, cancelled or missing dates as EXDATE, moved meetings (by hand or for a holiday) as
 * RECURRENCE-ID overrides, extra meetings as single events. Summary names the pair; the
 * description is the agenda link only — never topic or note text (SPEC §2).
 */
export async function buildFeed(db: Tx, employeeId: string, baseUrl: string, now: Date): Promise<string> {
  const manager = alias(employees, 'feed_manager');
  const report = alias(employees, 'feed_report');
  const rows = await db
    .select({ s: series, mf: manager.familyName, mg: manager.givenName, rf: report.familyName, rg: report.givenName })
    .from(series)
    .innerJoin(manager, eq(manager.id, series.managerId))
    .innerJoin(report, eq(report.id, series.reportId))
    .where(and(or(eq(series.managerId, employeeId), eq(series.reportId, employeeId)), ne(series.status, 'ended')));
  const all = rows.length
    ? await db.select().from(meetings).where(inArray(meetings.seriesId, rows.map((r) => r.s.id))).orderBy(asc(meetings.startsAt))
    : [];
  const zones = new Set<string>();
  const events: string[][] = [];
  const stamp = utcStamp(now);
  for (const r of rows) {
    const s = r.s;
    const tz = s.timeZone;
    const summary = escapeText(`1on1: ${r.mf} ${r.mg} / ${r.rf} ${r.rg}`);
    const own = all.filter((m) => m.seriesId === s.id);
    const cadence = own.filter((m) => m.originalDate !== null);
    const link = (id: string) => `${baseUrl}/meetings/${id}`;
    const common = (m: typeof meetings.$inferSelect) => [
      `DTSTART;TZID=${tz}:${localStamp(m.startsAt, tz)}`,
      `DTEND;TZID=${tz}:${localStamp(new Date(m.startsAt.getTime() + m.durationMinutes * 60_000), tz)}`,
      `SUMMARY:${summary}`,
      `DESCRIPTION:${escapeText(link(m.id))}`,
      `URL:${link(m.id)}`,
    ];
    if (cadence.length > 0) {
      zones.add(tz);
      const firstDate = cadence[0]!.originalDate!;
      const lastDate = cadence.reduce((a, m) => (m.originalDate! > a ? m.originalDate! : a), firstDate);
      const nominal = cadenceDates(scheduleOf(s), firstDate, lastDate);
      const byOriginal = new Map(cadence.map((m) => [m.originalDate!, m]));
      const uid = `series-${s.id}@taiwa`;
      const nominalAt = (d: string) => zonedToUtc(d, s.startTime, tz);
      const dtstart = nominalAt(nominal[0] ?? firstDate);
      const master = [
        'BEGIN:VEVENT',
        `UID:${uid}`,
        `DTSTAMP:${stamp}`,
        `DTSTART;TZID=${tz}:${localStamp(dtstart, tz)}`,
        `DTEND;TZID=${tz}:${localStamp(new Date(dtstart.getTime() + s.durationMinutes * 60_000), tz)}`,
        rruleOf(s, nominalAt(lastDate)),
        `SUMMARY:${summary}`,
        `DESCRIPTION:${escapeText(`${baseUrl}/series/${s.id}`)}`,
        `URL:${baseUrl}/series/${s.id}`,
      ];
      const overrides: string[][] = [];
      for (const d of nominal) {
        const m = byOriginal.get(d);
        if (!m || m.status === 'cancelled') {
          master.push(`EXDATE;TZID=${tz}:${localStamp(nominalAt(d), tz)}`);
          continue;
        }
        if (m.startsAt.getTime() !== nominalAt(d).getTime() || m.durationMinutes !== s.durationMinutes) {
          overrides.push(['BEGIN:VEVENT', `UID:${uid}`, `DTSTAMP:${stamp}`, `RECURRENCE-ID;TZID=${tz}:${localStamp(nominalAt(d), tz)}`, ...common(m), 'END:VEVENT']);
        }
      }
      master.push('END:VEVENT');
      events.push(master, ...overrides);
    }
    for (const m of own.filter((x) => x.originalDate === null && x.status !== 'cancelled')) {
      zones.add(tz);
      events.push(['BEGIN:VEVENT', `UID:meeting-${m.id}@taiwa`, `DTSTAMP:${stamp}`, ...common(m), 'END:VEVENT']);
    }
  }
  const from = new Date(Math.min(now.getTime(), ...all.map((m) => m.startsAt.getTime())) - 400 * 86_400_000);
  const to = new Date(Math.max(now.getTime(), ...all.map((m) => m.startsAt.getTime())) + 400 * 86_400_000);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Taiwa//Taiwa//JA',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'X-WR-CALNAME:Taiwa 1on1',
    ...[...zones].flatMap((z) => vtimezone(z, from, to)),
    ...events.flat(),
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

