// What several Smartcar checks need and the gateway works out once per run: the vehicle's
// Smartcar id on the account, the failing call from the vendor's request log, and how a
// Smartcar error answer reads as a signal.
import type { CauseSignal, CheckFinding, SmartcarCheckContext } from "../../check";
import { smartcarCodeMeaning } from "../../vendor-codes";
import {
  failingCall,
  failingEntry,
  LOG_WINDOW_MS,
  type SmartcarFailingCall,
} from "../failing-call";
import type { SmartcarErrorEnvelope, SmartcarLogEntry, SmartcarLooked } from "../gateway";

/** The vehicle's Smartcar id on the incident's account, or why it is unknown. */
export function vehicleIdOf({
  incident,
  smartcar,
}: SmartcarCheckContext): Promise<{ vehicleId: string | null; problem: string | null }> {
  return smartcar.remember("vehicleId", async () => {
    if (!incident.vin) return { vehicleId: null, problem: "the incident names no VIN" };
    const found = await smartcar.vehicleByVin(incident.accountRef, incident.vin);
    if (!found.ok) return { vehicleId: null, problem: found.problem };
    return found.data.vehicleId
      ? { vehicleId: found.data.vehicleId, problem: null }
      : { vehicleId: null, problem: `no vehicle with VIN ${incident.vin} on the account` };
  });
}

export type LoggedCall = {
  /** The log could be read; when false, `problem` says why. */
  read: boolean;
  problem: string | null;
  entry: SmartcarLogEntry | null;
  /** Every entry the search returned, for evidence. */
  searched: SmartcarLogEntry[];
  query: Record<string, string>;
};

/** The failing call in the vendor's request log: by the incident's request id, else by vehicle and time. */
export function loggedCall(context: SmartcarCheckContext): Promise<LoggedCall> {
  const { incident, smartcar } = context;
  return smartcar.remember("loggedCall", async () => {
    const byId = await smartcar.requestLog({ requestId: incident.correlationId });
    if (byId.ok && byId.data.requests.length > 0)
      return {
        read: true,
        problem: null,
        entry: failingEntry(incident, byId.data.requests, smartcar.startedAt),
        searched: byId.data.requests,
        query: { requestId: incident.correlationId },
      };
    const [{ vehicleId }, token] = await Promise.all([
      vehicleIdOf(context),
      smartcar.token(incident.accountRef),
    ]);
    const userId = token.ok ? token.smartcarUserId : null;
    const at = incident.occurredAt.getTime();
    const until = Math.min(at + LOG_WINDOW_MS, smartcar.startedAt.getTime());
    const query = {
      since: new Date(at - LOG_WINDOW_MS).toISOString(),
      until: new Date(until).toISOString(),
      ...(vehicleId ? { vehicleId } : {}),
    };
    const byTime = await smartcar.requestLog(query);
    if (!byTime.ok)
      return { read: false, problem: byTime.problem, entry: null, searched: [], query };
    return {
      read: true,
      problem: null,
      entry: failingEntry(incident, byTime.data.requests, smartcar.startedAt, userId),
      searched: byTime.data.requests,
      query,
    };
  });
}

/** The failing call, from the log or the incident's text; null when neither says which call. */
export function failingCallOf(context: SmartcarCheckContext): Promise<SmartcarFailingCall | null> {
  return context.smartcar.remember("failingCall", async () =>
    failingCall(context.incident, (await loggedCall(context)).entry),
  );
}

/** What a Smartcar error answer says about the cause, as a signal of the given weight. */
export function codeSignal(
  error: SmartcarErrorEnvelope | null,
  weight: number,
  where: string,
  proves = false,
): CauseSignal | null {
  if (!error) return null;
  const meaning = smartcarCodeMeaning(error.type, error.code);
  if (!meaning) return null;
  return {
    cause: meaning.cause,
    weight,
    proves,
    why: `${where} answered ${error.type}:${error.code ?? "null"}: ${meaning.why}`,
  };
}

/** An `error` finding for a read that got no usable answer and no Smartcar error to learn from. */
export function unreadable(what: string, looked: SmartcarLooked<unknown>): CheckFinding {
  return {
    outcome: "error",
    summary: `Could not read ${what}: ${looked.ok ? "no problem" : looked.problem}`,
    evidence: looked.ok ? {} : { problem: looked.problem, exchange: looked.exchange },
    signals: [],
  };
}
