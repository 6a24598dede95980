// Where sign-in sends someone afterwards: back to the page they asked for, on this site only.
import { z } from "zod";

export const HOME_PATH = "/incidents";
/** Set by proxy.ts on every page request: the path and query that were asked for. */
export const REQUESTED_PATH_HEADER = "x-pitstop-requested-path";
const THIS_SITE = "http://pitstop.invalid";

// Browsers read "\" as "/" and drop tabs and newlines, so "/\evil.example" and "/\t/evil.example"
// lead off-site as surely as "//evil.example"; proxies may decode "%5C" and "%2F" first.
const OFF_SITE_HINTS = /[\\\x00-\x1f\x7f]/;

function staysOnThisSite(value: string): boolean {
  if (!value.startsWith("/") || value.startsWith("//") || OFF_SITE_HINTS.test(value)) return false;
  let path: string;
  try {
    path = decodeURIComponent(value.split(/[?#]/, 1)[0]!);
  } catch {
    return false;
  }
  if (path.startsWith("//") || OFF_SITE_HINTS.test(path)) return false;
  return new URL(value, THIS_SITE).origin === THIS_SITE;
}

export const returnPathSchema = z
  .string()
  .max(2000)
  .refine(staysOnThisSite, { error: "next must be a path on this site" });

/** The asked-for path when it is one on this site, else the incident list. */
export function returnPathOrHome(value: unknown): string {
  const parsed = returnPathSchema.safeParse(value);
  return parsed.success ? parsed.data : HOME_PATH;
}

/** The sign-in page that comes back to `path` afterwards. */
export function signInHref(path: unknown): string {
  const back = returnPathOrHome(path);
  return back === HOME_PATH ? "/sign-in" : `/sign-in?next=${encodeURIComponent(back)}`;
}
