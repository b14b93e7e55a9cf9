/** When a campaign runs, as the submit form holds it, and how it goes on the wire. */

export type ScheduleMode = "now" | "at" | "off_peak";

export interface Schedule {
  mode: ScheduleMode;
  /** The `datetime-local` input's value (`YYYY-MM-DDTHH:MM`, the browser's time zone). */
  at: string;
}

export const RUN_NOW: Schedule = { mode: "now", at: "" };

const pad = (value: number) => String(Math.trunc(value)).padStart(2, "0");

/** A moment as RFC 3339 in the browser's time zone, with its offset (`2026-12-08T09:30:00+01:00`). */
export function rfc3339Local(moment: Date): string {
  const date = `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}`;
  const time = `${pad(moment.getHours())}:${pad(moment.getMinutes())}:${pad(moment.getSeconds())}`;
  const east = -moment.getTimezoneOffset();
  const offset = `${east < 0 ? "-" : "+"}${pad(Math.abs(east) / 60)}:${pad(Math.abs(east) % 60)}`;
  return `${date}T${time}${offset}`;
}

/** Whether the schedule can be sent: "at a time" needs its time (an empty one would mean now). */
export function scheduleReady(schedule: Schedule): boolean {
  return schedule.mode !== "at" || schedule.at !== "";
}

/** The form fields of a schedule (none to run now); a time the browser cannot read goes as typed. */
export function scheduleFields(schedule: Schedule): Record<string, string> {
  if (schedule.mode === "off_peak") return { schedule: "off_peak" };
  if (schedule.mode === "now") return {};
  const moment = new Date(schedule.at);
  return { schedule_at: Number.isNaN(moment.getTime()) ? schedule.at : rfc3339Local(moment) };
}

const MIN_WAIT_MS = 1_000;
const MAX_WAIT_MS = 60_000;

/** How long to wait before reading a scheduled batch again: until its release, at most a minute. */
export function untilRelease(scheduledAt: string | null | undefined, now = Date.now()): number {
  const wait = scheduledAt ? new Date(scheduledAt).getTime() - now : MAX_WAIT_MS;
  return Math.min(MAX_WAIT_MS, Math.max(MIN_WAIT_MS, wait));
}
