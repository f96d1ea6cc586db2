/** When starting a meeting needs a confirmation (no schema library here: the home page loads this). */

/** Starting a meeting more than this many hours before its time asks for confirmation first. */
export const earlyStartWarningHours = 12;

/** Whether starting the meeting now would be unusually early (a mis-click on a meeting days ahead). */
export function startsWellAhead(startsAt: string | Date, now: Date = new Date()): boolean {
  return new Date(startsAt).getTime() - now.getTime() > earlyStartWarningHours * 3600_000;
}
