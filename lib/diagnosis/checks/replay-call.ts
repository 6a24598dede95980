// Which call failed, and whether a replay's outcome matches it. Pure, so the rules that decide
// "reproduced" read (and test) on their own: same status class, and the same vendor code when
// the original had one. Anything else is a different outcome, never a reproduction.
import { statusNamedIn } from "../classifier-text";
import { VENDOR_CODE_CAUSES } from "../vendor-codes";
import type { CauseSignal, IncidentForChecks } from "../check";

/** The methods the vendor API uses (and the telematics client sends). */
export type HttpMethod = "GET" | "POST" | "DELETE";

export type OriginalCall = {
  method: HttpMethod;
  path: string;
  /** The command a POST to .../commands sent, when the text says which. */
  command: string | null;
  status: number | null;
  vendorCode: string | null;
  source: "request trace" | "incident";
};

export type Outcome = { status: number | null; vendorCode: string | null; failure: string | null };

export type TraceRequest = {
  method: string;
  path: string;
  status: number;
  errorCode?: string | null;
};

const METHODS: readonly HttpMethod[] = ["GET", "POST", "DELETE"];
const withoutEnvironment = (path: string) => path.replace(/^\/(sandbox|prod)(?=\/)/, "");
export const isWrite = (method: HttpMethod) => method !== "GET";

const COMMANDS: ReadonlyArray<[RegExp, string]> = [
  [/\b(engine[ _]start|remote start|start the engine)\b/i, "engine_start"],
  [/\b(engine[ _]stop|remote stop)\b/i, "engine_stop"],
  [/\bunlock\b/i, "unlock"],
  [/\block\b/i, "lock"],
  [/\blocate\b/i, "locate"],
];

/** A vendor code the reporter pasted: a JSON code or error field, else a code the vendor is known to send. */
export function vendorCodeIn(text: string): string | null {
  const field = /"(?:code|errorCode|error)"\s*:\s*"([A-Za-z][\w.-]{2,})"/.exec(text);
  if (field) return field[1]!;
  return (
    Object.keys(VENDOR_CODE_CAUSES).find((code) => new RegExp(`\\b${code}\\b`).test(text)) ?? null
  );
}

/**
 * The call that failed: from the vendor's request log when the correlation id is there, else
 * from the incident's text ("GET /v1/...", or a remote command it names for its VIN). Null
 * when neither says which call it was: replaying a guess is what misled on-callers.
 */
export function originalCall(
  incident: IncidentForChecks,
  traced: readonly TraceRequest[],
): OriginalCall | null {
  const failing = traced.find((request) => request.status >= 400) ?? traced[0];
  const command = COMMANDS.find(([pattern]) => pattern.test(incident.errorString))?.[1] ?? null;
  if (failing && METHODS.includes(failing.method as HttpMethod)) {
    return {
      method: failing.method as HttpMethod,
      path: withoutEnvironment(failing.path),
      command: failing.path.endsWith("/commands") ? command : null,
      status: failing.status,
      vendorCode: failing.errorCode ?? null,
      source: "request trace",
    };
  }
  const status = incident.httpStatus ?? statusNamedIn(incident.errorString);
  const vendorCode = vendorCodeIn(incident.errorString);
  const named = /\b(GET|POST|DELETE)\s+(\/[\w\-./:]+)/.exec(incident.errorString);
  if (named)
    return {
      method: named[1] as HttpMethod,
      path: withoutEnvironment(named[2]!.split("?")[0]!),
      command: named[2]!.endsWith("/commands") ? command : null,
      status,
      vendorCode,
      source: "incident",
    };
  if (command && incident.vin)
    return {
      method: "POST",
      path: `/v1/vehicles/${incident.vin}/commands`,
      command,
      status,
      vendorCode,
      source: "incident",
    };
  return null;
}

const statusClass = (status: number) => Math.floor(status / 100);

export type Comparison = "reproduced" | "different_outcome" | "not_comparable";

/** Reproduced only when the status class matches and, where the original had a vendor code, the code too. */
export function compareOutcomes(
  original: Pick<OriginalCall, "status" | "vendorCode">,
  replay: Outcome,
): Comparison {
  if (original.status === null) return "not_comparable";
  const originalIsTimeout = original.status === 504 || original.status === 408;
  if (replay.status === null)
    return replay.failure === "timeout" && originalIsTimeout ? "reproduced" : "different_outcome";
  if (statusClass(replay.status) !== statusClass(original.status)) return "different_outcome";
  if (original.vendorCode && original.vendorCode !== replay.vendorCode) return "different_outcome";
  return "reproduced";
}

export const describeOutcome = (outcome: Outcome) =>
  outcome.status === null
    ? `no answer (${outcome.failure ?? "unknown"})`
    : `${outcome.status}${outcome.vendorCode ? ` ${outcome.vendorCode}` : ""}`;

/** What a replay with a different outcome says: a call that works now points, weakly, at a passing outage. */
export function differentOutcomeSignals(replay: Outcome): CauseSignal[] {
  return replay.status !== null && replay.status < 400
    ? [
        {
          cause: "server_outage",
          weight: 0.3,
          why: "the same call works now: the failure did not recur (transient, or specific to the caller)",
        },
      ]
    : [];
}
