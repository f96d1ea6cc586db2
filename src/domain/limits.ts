/** Limits shared by the client's forms and the server's validation, so both reject the same input. */
export const limits = {
  nameMax: 100,
  kanaMax: 100,
  emailMax: 254,
  employeeNumberMax: 32,
  titleMax: 100,
  departmentNameMax: 100,
  passwordMin: 8,
  passwordMax: 128,
  pageSizeDefault: 50,
  pageSizeMax: 200,
  searchMax: 100,
  /** SPEC §2: the manager sees a report's meeting ratings only averaged over this many reports. */
  pairAggregateMinGroup: 3,
  /** SPEC §2: hr/admin see organisation figures only for groups at least this large. */
  orgAggregateMinGroup: 5,
  /** Days after a month ends before its figures are published; ratings of its meetings are final then. */
  periodGraceDays: 7,
} as const;

export const locales = ['ja', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'ja';
export const defaultTimeZone = 'Asia/Tokyo';

/** Longest reason for cancelling or moving a meeting (re-exported by series.ts). */
export const reasonMax = 500;
