// Did the failing call reach Smartcar, and what did Smartcar answer? The application's request
// log (management API) is searched by the SDK's request id, else by vehicle and time. Present:
// its recorded type and code settle the cause. Absent while a fresh call of ours reaches the
// same API: the request never left the caller's network.
import type { CauseSignal, CheckDefinition, SmartcarCheckContext } from "../../check";
import { causeOfStatus, smartcarCodeIn, smartcarCodeMeaning } from "../../vendor-codes";
import { CAUSE_IDS } from "../../taxonomy";
import { loggedCall } from "./shared";

/** A call of our own that needs no owner token, so the caller's trouble cannot touch it. */
async function probe({ incident, smartcar }: SmartcarCheckContext) {
  const looked = await smartcar.compatibility(incident.vin ?? "", ["read_vehicle_info"], "US");
  const response = looked.exchange?.response ?? null;
  return {
    reached: response !== null && response.status < 500,
    answer: response
      ? `${response.status}${response.headers["sc-request-id"] ? ` (sc-request-id ${response.headers["sc-request-id"]})` : ""}`
      : `no answer (${looked.exchange?.failure?.kind ?? "not sent"})`,
    exchange: looked.exchange,
  };
}

export const smartcarRequestLogCheck: CheckDefinition<SmartcarCheckContext> = {
  id: "request_trace",
  label: "Smartcar's request log",
  causes: CAUSE_IDS,
  cost: 1,
  async run(context) {
    const [logged, ours] = await Promise.all([loggedCall(context), probe(context)]);
    if (!logged.read)
      return {
        outcome: "error",
        summary: `Could not search Smartcar's request log: ${logged.problem}`,
        evidence: { problem: logged.problem, query: logged.query },
        signals: [],
      };
    const evidence = {
      query: logged.query,
      entry: logged.entry,
      searched: logged.searched,
      probe: ours,
    };
    const entry = logged.entry;
    // Smartcar's own type and code in the error mean Smartcar answered the call: a search that
    // misses it has the wrong time, not a call that never left the caller's network.
    const answered = smartcarCodeIn(context.incident.errorString);
    if (!entry && answered)
      return {
        outcome: "warn",
        summary: `Smartcar logged no failed call near the incident's time, yet the error quotes its answer ${answered.type}:${answered.code ?? "null"}: the call reached Smartcar; file the SDK's requestId as the correlation id to find it.`,
        evidence,
        signals: [
          { cause: "phone_network", weight: -2, why: "the error quotes Smartcar's own answer" },
        ],
      };
    if (!entry) {
      if (ours.reached)
        return {
          outcome: "fail",
          summary: `Smartcar logged no failed call for this incident, while our own call reached it (${ours.answer}): the request never left the caller's network.`,
          evidence,
          signals: [
            {
              cause: "phone_network",
              weight: 4,
              why: "the failing call is absent from Smartcar's request log while a fresh call from Pitstop reaches the API",
            },
          ],
        };
      return {
        outcome: "warn",
        summary: `Smartcar logged no failed call for this incident, and our own call did not get through either (${ours.answer}).`,
        evidence,
        signals: [
          {
            cause: "server_outage",
            weight: 1.5,
            why: `Pitstop cannot reach the API either: ${ours.answer}`,
          },
          {
            cause: "phone_network",
            weight: 0.5,
            why: "the failing call is absent from the request log",
          },
        ],
      };
    }
    const call = `${entry.method} ${entry.path}`;
    const signals: CauseSignal[] = [
      { cause: "phone_network", weight: -3, why: "the failing call reached Smartcar" },
    ];
    const meaning = entry.errorType ? smartcarCodeMeaning(entry.errorType, entry.errorCode) : null;
    const recorded = `${entry.status}${entry.errorType ? ` ${entry.errorType}:${entry.errorCode ?? "null"}` : ""}`;
    if (meaning)
      signals.push({
        cause: meaning.cause,
        weight: 3,
        proves: true,
        why: `Smartcar logged ${call} (request ${entry.requestId}) answered ${recorded}: ${meaning.why}`,
      });
    else if (entry.status >= 400 && causeOfStatus(entry.status))
      signals.push({
        cause: causeOfStatus(entry.status)!,
        weight: 2,
        why: `Smartcar logged ${call} answered ${entry.status}`,
      });
    return {
      outcome: entry.status >= 400 ? "fail" : "pass",
      summary: `Smartcar logged ${call} at ${entry.at} (request ${entry.requestId}) answered ${recorded}.`,
      evidence,
      signals,
    };
  },
};
