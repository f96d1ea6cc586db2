import { randomBytes, randomUUID } from 'node:crypto';
import type { App } from '../app.js';
import { hashPassword, type Auth } from '../auth.js';
import type { Db } from '../db/client.js';
import { account, departments, employees, user } from '../db/schema.js';
import type { Database } from '../db/client.js';
import { signIn, testApp } from './app.js';

export const TEST_PASSWORD = 'correct-horse-battery';

let hashed: Promise<string> | null = null;
/** The hash of TEST_PASSWORD, computed once per worker: hashing is deliberately slow. */
export function passwordHash(auth: Auth): Promise<string> {
  hashed ??= hashPassword(auth, TEST_PASSWORD);
  return hashed;
}

/** A short random tag that keeps emails and employee numbers unique across organisations in one database. */
export function uniqueTag(): string {
  return randomBytes(4).toString('hex');
}

export interface PersonSpec {
  familyName: string;
  givenName: string;
  familyNameKana?: string;
  givenNameKana?: string;
  managerId?: string | null;
  departmentId?: string | null;
  isHr?: boolean;
  isAdmin?: boolean;
  active?: boolean;
  title?: string | null;
  /** False leaves the person without a password (cannot sign in). */
  withPassword?: boolean;
}

export interface InsertedPerson {
  id: string;
  userId: string;
  email: string;
  employeeNumber: string;
  familyName: string;
  givenName: string;
}

/**
 * Inserts people straight into the tables (as the demo seed does) with TEST_PASSWORD, hashed once:
 * quick enough for organisations of hundreds.
 */
export async function insertPeople(db: Db, auth: Auth, specs: PersonSpec[], tag = uniqueTag()): Promise<InsertedPerson[]> {
  const hash = await passwordHash(auth);
  const out: InsertedPerson[] = [];
  let n = 0;
  for (const spec of specs) {
    n++;
    const userId = randomUUID();
    const email = `p${n}.${tag}@example.test`;
    const employeeNumber = `T${tag}-${n}`;
    await db.insert(user).values({ id: userId, name: `${spec.familyName} ${spec.givenName}`, email, emailVerified: true });
    if (spec.withPassword !== false) {
      await db.insert(account).values({ id: randomUUID(), accountId: userId, providerId: 'credential', userId, password: hash });
    }
    const [row] = await db
      .insert(employees)
      .values({
        userId,
        familyName: spec.familyName,
        givenName: spec.givenName,
        familyNameKana: spec.familyNameKana ?? 'テスト',
        givenNameKana: spec.givenNameKana ?? `タロウ`,
        email,
        employeeNumber,
        title: spec.title ?? null,
        departmentId: spec.departmentId ?? null,
        managerId: spec.managerId ?? null,
        isHr: spec.isHr ?? false,
        isAdmin: spec.isAdmin ?? false,
        active: spec.active ?? true,
        deactivatedAt: spec.active === false ? new Date() : null,
      })
      .returning({ id: employees.id });
    out.push({ id: row!.id, userId, email, employeeNumber, familyName: spec.familyName, givenName: spec.givenName });
  }
  return out;
}

/** The relations SPEC §10 asks every endpoint to be tested with (anonymous is simply no cookie). */
export const relations = ['self', 'partner', 'otherReport', 'skipLevel', 'hr', 'admin'] as const;
export type Relation = (typeof relations)[number];

export interface Organisation {
  tag: string;
  departments: { top: string; team: string; inactive: string };
  /** The report (a member) whose records are looked at. */
  self: InsertedPerson;
  /** Self's manager. */
  partner: InsertedPerson;
  /** Another report of the same manager. */
  otherReport: InsertedPerson;
  /** The manager's manager. */
  skipLevel: InsertedPerson;
  hr: InsertedPerson;
  admin: InsertedPerson;
  /** A deactivated former report of the partner (listed for hr and admin only). */
  former: InsertedPerson;
}

/**
 * A fresh organisation with every relation of SPEC §10 around `self`:
 * skipLevel → partner → {self, otherReport}; hr and admin in their own line; one deactivated person.
 */
export async function buildOrganisation(db: Db, auth: Auth): Promise<Organisation> {
  const tag = uniqueTag();
  const [top] = await db.insert(departments).values({ name: `本社-${tag}` }).returning({ id: departments.id });
  const [team] = await db.insert(departments).values({ name: `開発部-${tag}`, parentId: top!.id }).returning({ id: departments.id });
  const [inactive] = await db
    .insert(departments)
    .values({ name: `旧部署-${tag}`, parentId: top!.id, active: false })
    .returning({ id: departments.id });
  const [skipLevel] = await insertPeople(db, auth, [{ familyName: '高橋', givenName: '誠', departmentId: top!.id, title: '本部長' }], `${tag}s`);
  const [partner] = await insertPeople(
    db,
    auth,
    [{ familyName: '田中', givenName: '美咲', managerId: skipLevel!.id, departmentId: team!.id, title: '部長' }],
    `${tag}m`,
  );
  const [self, otherReport, former] = await insertPeople(
    db,
    auth,
    [
      { familyName: '鈴木', givenName: '翔太', managerId: partner!.id, departmentId: team!.id },
      { familyName: '小林', givenName: '陽菜', managerId: partner!.id, departmentId: team!.id },
      { familyName: '退職', givenName: '済子', managerId: partner!.id, departmentId: team!.id, active: false },
    ],
    `${tag}r`,
  );
  const [hr, admin] = await insertPeople(
    db,
    auth,
    [
      { familyName: '岡田', givenName: '奈々', departmentId: top!.id, isHr: true },
      { familyName: '近藤', givenName: '学', departmentId: top!.id, isAdmin: true },
    ],
    `${tag}x`,
  );
  return {
    tag,
    departments: { top: top!.id, team: team!.id, inactive: inactive!.id },
    self: self!,
    partner: partner!,
    otherReport: otherReport!,
    skipLevel: skipLevel!,
    hr: hr!,
    admin: admin!,
    former: former!,
  };
}

/** Signs in every person of the organisation; `anonymous` has no cookie. */
export async function signInAll(app: App, org: Organisation): Promise<Record<Relation, string> & { anonymous: null }> {
  const cookies = await Promise.all(relations.map((r) => signIn(app, org[r].email, TEST_PASSWORD)));
  return { ...(Object.fromEntries(relations.map((r, i) => [r, cookies[i]!])) as Record<Relation, string>), anonymous: null };
}

/** A test app over `database` with the organisation of `buildOrganisation`, everyone signed in. */
export async function signedInOrganisation(database: Database) {
  const built = testApp(database);
  const org = await buildOrganisation(database.db, built.services.auth);
  return { ...built, org, cookies: await signInAll(built.app, org) };
}
