// A time as an on-caller reads it ("12 minutes ago"), with the exact UTC time on hover and on
// keyboard focus. Rendered on the server against the render's own clock.
import { utcSeconds } from "@/lib/format/time";

const RELATIVE = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
// Each unit while the amount stays under its limit; days beyond.
const STEPS: Array<[Intl.RelativeTimeFormatUnit, number, number]> = [
  ["second", 1, 60],
  ["minute", 60, 60],
  ["hour", 3600, 48],
];

/** "just now", "12 minutes ago", "3 hours ago", "yesterday", "in 5 minutes" (clock skew). */
export function relativeTime(date: Date, now: Date): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  if (Math.abs(seconds) < 45) return "just now";
  for (const [unit, unitSeconds, limit] of STEPS) {
    const amount = Math.round(seconds / unitSeconds);
    if (Math.abs(amount) < limit) return RELATIVE.format(amount, unit);
  }
  return RELATIVE.format(Math.round(seconds / 86_400), "day");
}

export function RelativeTime({ date, now }: { date: Date; now: Date }) {
  const exact = utcSeconds(date);
  return (
    <span className="group relative">
      <time
        dateTime={date.toISOString()}
        title={exact}
        tabIndex={0}
        className="underline decoration-slate-400 decoration-dotted underline-offset-2 focus:outline-2 focus:outline-blue-600"
      >
        {relativeTime(date, now)}
      </time>
      {/* The title shows on hover only; this shows the same on keyboard focus. */}
      <span
        aria-hidden="true"
        className="pointer-events-none absolute top-full left-0 z-10 mt-1 hidden rounded bg-slate-900 px-2 py-1 text-xs whitespace-nowrap text-white group-focus-within:block dark:bg-slate-100 dark:text-slate-900"
      >
        {exact}
      </span>
    </span>
  );
}
