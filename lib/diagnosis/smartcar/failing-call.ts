// Which call failed, for an incident through a Smartcar connection: the vendor's request log
// entry (matched by the SDK's request id, else by vehicle and time), else a call the error text
// names. Pure, so the matching rules read and test on their own.
import type { IncidentForChecks } from "../check";
import { smartcarCodeIn } from "../vendor-codes";
import type { SmartcarLogEntry } from "./gateway";
import { versionedPath, type SmartcarMethod } from "./permissions";

export type SmartcarFailingCall = {
  method: SmartcarMethod;
  path: string;
  status: number | null;
  /** Smartcar's `TYPE:CODE` (a code-less type as `TYPE:null`), as the vendor answered it. */
  vendorCode: string | null;
  requestId: string | null;
  source: "request log" | "incident";
};

const METHODS: readonly SmartcarMethod[] = ["GET", "POST", "DELETE"];

/** How far around the incident's time the log is searched when no request id matches. */
export const LOG_WINDOW_MS = 5_000;

export const smartcarCodeOf = (type: string | null, code: string | null) =>
  type ? `${type}:${code ?? "null"}` : null;

/**
 * The log entry for the failing call: the one whose request id the incident carries (the SDK's
 * SmartcarError.requestId filed as the correlation id), else the failed call for the vehicle
 * nearest the incident's time, never one made after `notAfter` (the checks' own calls) and,
 * when the account's Smartcar user is known, only that user's.
 */
export function failingEntry(
  incident: Pick<IncidentForChecks, "correlationId" | "occurredAt">,
  entries: readonly SmartcarLogEntry[],
  notAfter: Date,
  userId: string | null = null,
): SmartcarLogEntry | null {
  const exact = entries.find((entry) => entry.requestId === incident.correlationId);
  if (exact) return exact;
  const at = incident.occurredAt.getTime();
  const near = entries
    .filter((entry) => {
      const time = Date.parse(entry.at);
      return (
        Math.abs(time - at) <= LOG_WINDOW_MS &&
        time < notAfter.getTime() &&
        (userId === null || entry.userId === userId)
      );
    })
    .sort((a, b) => Math.abs(Date.parse(a.at) - at) - Math.abs(Date.parse(b.at) - at));
  return near.find((entry) => entry.status >= 400) ?? null;
}

/** The failing call from its log entry, else from a call the error text names (with any code it quotes). */
export function failingCall(
  incident: Pick<IncidentForChecks, "errorString" | "httpStatus">,
  entry: SmartcarLogEntry | null,
): SmartcarFailingCall | null {
  if (entry && METHODS.includes(entry.method as SmartcarMethod))
    return {
      method: entry.method as SmartcarMethod,
      path: versionedPath(entry.path),
      status: entry.status,
      vendorCode: smartcarCodeOf(entry.errorType, entry.errorCode),
      requestId: entry.requestId,
      source: "request log",
    };
  const named =
    /\b(GET|POST|DELETE)\s+(?:https?:\/\/[^/\s]+)?(\/[\w\-./]*\/v2\.0\/[\w\-./]+|\/v2\.0\/[\w\-./]+)/.exec(
      incident.errorString,
    );
  if (!named) return null;
  const quoted = smartcarCodeIn(incident.errorString);
  return {
    method: named[1] as SmartcarMethod,
    path: versionedPath(named[2]!),
    status: incident.httpStatus,
    vendorCode: quoted ? smartcarCodeOf(quoted.type, quoted.code) : null,
    requestId: null,
    source: "incident",
  };
}
