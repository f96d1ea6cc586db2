/** When the timer turns to the warning colour: this many minutes before the planned end. */
export function warningMinutes(planned: number): number {
  return Math.min(5, Math.max(1, Math.round(planned / 6)));
}
