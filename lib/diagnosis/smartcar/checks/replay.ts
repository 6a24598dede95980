// Replays the failing call through the Smartcar connection as the owner's app made it (the
// account's token, the same method and path) and compares the outcome with the original: the
// same status class and, where the original had one, the same Smartcar type and code. A write
// is replayed only when the SRE asked for it; otherwise a read of the vehicle is made instead
// and said to be one. Each exchange keeps a `curl -v` reproduction with secrets masked.
import { curlReproduction, type Exchange } from "@/lib/telematics/client";
import {
  skip,
  type CauseSignal,
  type CheckDefinition,
  type SmartcarCheckContext,
} from "../../check";
import {
  compareOutcomes,
  describeOutcome,
  differentOutcomeSignals,
  type Outcome,
} from "../../checks/replay-call";
import { causeOfStatus, smartcarCodeMeaning } from "../../vendor-codes";
import { exchangeProblem } from "../gateway";
import { failingCallOf, vehicleIdOf } from "./shared";

function outcomeOf(exchange: Exchange): Outcome {
  const error = exchangeProblem(exchange)?.error ?? null;
  return {
    status: exchange.response?.status ?? null,
    vendorCode: error ? `${error.type}:${error.code ?? "null"}` : null,
    failure: exchange.failure?.kind ?? null,
  };
}

function causeOf(outcome: Outcome) {
  if (outcome.vendorCode) {
    const [type, code] = outcome.vendorCode.split(":");
    const meaning = smartcarCodeMeaning(type!, code);
    if (meaning) return { cause: meaning.cause, proves: true };
  }
  const byStatus = outcome.status === null ? "server_outage" : causeOfStatus(outcome.status);
  return byStatus ? { cause: byStatus, proves: false } : null;
}

const replayOf = (environment: string, exchange: Exchange | null, problem: string | null) => ({
  environment,
  exchange,
  curl: exchange ? curlReproduction(exchange) : null,
  problem,
});

export const smartcarReplayCheck: CheckDefinition<SmartcarCheckContext> = {
  id: "replay",
  label: "Replay of the failing call",
  causes: [
    "account_auth",
    "app_version",
    "missing_scope",
    "rate_limited",
    "region_unavailable",
    "server_outage",
    "subscription_inactive",
    "vehicle_connectivity",
    "vehicle_not_linked",
  ],
  cost: 4,
  async run(context) {
    const { incident, smartcar } = context;
    if (!incident.accountRef) return skip("The incident names no account to replay the call as.");
    const original = await failingCallOf(context);
    if (!original)
      return skip(
        "Cannot tell which call failed: Smartcar's request log has no failed call for this incident and the error text names none.",
      );
    const environment = smartcar.connection.environment;
    const originalShown = { ...original, source: original.source };
    if (original.method !== "GET" && !context.replayWrites) {
      const { vehicleId } = await vehicleIdOf(context);
      if (!vehicleId)
        return skip("The write was not replayed, and the vehicle is unknown for a read instead.");
      const path = `/v2.0/vehicles/${vehicleId}`;
      const sent = await smartcar.ownerSend(incident.accountRef, { method: "GET", path });
      const answer = sent.ok ? describeOutcome(outcomeOf(sent.exchange)) : sent.problem;
      const coded = sent.ok ? causeOf(outcomeOf(sent.exchange)) : null;
      return {
        outcome:
          coded && (sent.ok ? (sent.exchange.response?.status ?? 500) >= 400 : false)
            ? "warn"
            : "pass",
        summary: `Read-only validation, not a replay: the ${original.method} ${original.path} was not sent again (it changes the vehicle; confirm to replay it). GET ${path} answered ${answer}.`,
        evidence: {
          mode: "validation",
          verdict: "validation",
          original: originalShown,
          replays: [
            replayOf(environment, sent.ok ? sent.exchange : null, sent.ok ? null : sent.problem),
          ],
        },
        signals:
          coded && sent.ok && (sent.exchange.response?.status ?? 500) >= 400
            ? [{ cause: coded.cause, weight: 1, why: `a read-only validation answered ${answer}` }]
            : [],
      };
    }
    const sent = await smartcar.ownerSend(incident.accountRef, {
      method: original.method,
      path: original.path,
    });
    if (!sent.ok)
      return {
        outcome: "error",
        summary: `Could not replay ${original.method} ${original.path}: ${sent.problem}`,
        evidence: {
          mode: "replay",
          verdict: "not_comparable",
          original: originalShown,
          replays: [replayOf(environment, null, sent.problem)],
        },
        signals: [],
      };
    const outcome = outcomeOf(sent.exchange);
    const verdict = compareOutcomes(original, outcome);
    const evidence = {
      mode: "replay",
      verdict,
      original: originalShown,
      replays: [replayOf(environment, sent.exchange, null)],
      command: null,
    };
    const replayed = `${original.method} ${original.path}`;
    const originally = describeOutcome({ ...original, failure: null });
    if (verdict === "reproduced") {
      const cause = causeOf(outcome);
      const signals: CauseSignal[] = cause
        ? [
            {
              cause: cause.cause,
              weight: 2.5,
              proves: cause.proves,
              why: `the replay of ${replayed} reproduced ${originally}`,
            },
          ]
        : [];
      return {
        outcome: "fail",
        summary: `Reproduced: ${replayed} answered ${describeOutcome(outcome)}, as the original did (${originally}).`,
        evidence,
        signals,
      };
    }
    if (verdict === "not_comparable")
      return {
        outcome: "warn",
        summary: `The replay of ${replayed} answered ${describeOutcome(outcome)}; the original outcome is unknown, so this is not called a reproduction.`,
        evidence,
        signals: [],
      };
    return {
      outcome: "warn",
      summary: `Different outcome: originally ${originally}, the replay of ${replayed} answered ${describeOutcome(outcome)}.`,
      evidence,
      signals: differentOutcomeSignals(outcome),
    };
  },
};
