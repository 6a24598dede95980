// Replays the call that failed, as the app made it (its method and path, its API and app
// versions, a token with its scopes), and compares the outcome with the original. A write is
// replayed only when the SRE asked for it; without that a read-only validation (the vehicle's
// status and features) is made instead and said to be one. A remote command is followed to
// its final state. Every exchange keeps a ready-to-paste curl -v reproduction.
import { ENVIRONMENTS } from "@/lib/incidents/schema";
import { curlReproduction, type Exchange } from "@/lib/telematics/client";
import { skip, type CauseSignal, type CheckDefinition, type CheckContext } from "../check";
import { causeOfStatus, VENDOR_CODE_CAUSES } from "../vendor-codes";
import {
  compareOutcomes,
  describeOutcome,
  differentOutcomeSignals,
  isWrite,
  originalCall,
  type OriginalCall,
  type Outcome,
} from "./replay-call";

type Replay = {
  environment: "sandbox" | "prod";
  exchange: Exchange | null;
  curl: string | null;
  problem: string | null;
};

type CommandState = { commandId: string; status: string; failureCode: string | null };

const COMMAND_POLL_MS = 150;
const COMMAND_WAIT_MS = 3_000;
// A command's final state read as the outcome of the call: the car doing it is a success, the
// car never answering is a timeout (as a 504 is), the vendor refusing it is a client error.
const COMMAND_STATUS: Record<string, number> = { completed: 200, timed_out: 504, rejected: 409 };

function outcomeOf(exchange: Exchange): Outcome {
  const body = exchange.response?.body as { code?: string; error?: string } | null;
  return {
    status: exchange.response?.status ?? null,
    vendorCode: body?.code ?? body?.error ?? null,
    failure: exchange.failure?.kind ?? null,
  };
}

function causeOf(outcome: Outcome) {
  if (outcome.vendorCode && VENDOR_CODE_CAUSES[outcome.vendorCode])
    return VENDOR_CODE_CAUSES[outcome.vendorCode]!;
  return outcome.status === null ? "server_outage" : causeOfStatus(outcome.status);
}

async function credentialsFor(
  { incident, vendor }: CheckContext,
  environment: "sandbox" | "prod",
): Promise<{ headers: Record<string, string> } | { problem: string }> {
  const [tenant, token] = await Promise.all([
    vendor.tenant(environment, incident.tenant),
    vendor.mintToken(environment, incident.tenant, incident.accountRef!, incident.scopes),
  ]);
  if (!tenant.ok) return { problem: tenant.problem };
  if (!tenant.data) return { problem: `tenant ${incident.tenant} unknown in ${environment}` };
  if (!token.ok) return { problem: token.problem };
  return {
    headers: {
      authorization: `Bearer ${token.data.access_token}`,
      "x-api-key": tenant.data.apiKey,
    },
  };
}

async function send(
  context: CheckContext,
  environment: "sandbox" | "prod",
  call: Pick<OriginalCall, "method" | "path" | "command">,
): Promise<Replay> {
  const credentials = await credentialsFor(context, environment);
  if ("problem" in credentials)
    return { environment, exchange: null, curl: null, problem: credentials.problem };
  const exchange = await context.vendor.client.send({
    method: call.method,
    path: call.path,
    environment,
    apiVersion: context.incident.apiVersion ?? "2025-09-01",
    appVersion: context.incident.appVersion,
    headers: credentials.headers,
    json: call.command ? { command: call.command } : undefined,
  });
  return { environment, exchange, curl: curlReproduction(exchange), problem: null };
}

/** Polls an accepted command until the vehicle settles it or the wait runs out. */
async function followCommand(
  context: CheckContext,
  accepted: Replay,
  path: string,
): Promise<{ state: CommandState | null; polls: Replay[] }> {
  const commandId = (accepted.exchange?.response?.body as { commandId?: string } | null)?.commandId;
  if (!commandId) return { state: null, polls: [] };
  const deadline = Date.now() + COMMAND_WAIT_MS;
  let last: Replay | null = null;
  while (Date.now() < deadline) {
    last = await send(context, accepted.environment, {
      method: "GET",
      path: `${path}/${commandId}`,
      command: null,
    });
    const body = last.exchange?.response?.body as Partial<CommandState> | null;
    if (!body?.status || body.status !== "pending")
      return {
        state: body?.status
          ? { commandId, status: body.status, failureCode: body.failureCode ?? null }
          : null,
        polls: [last],
      };
    await new Promise((resolve) => setTimeout(resolve, COMMAND_POLL_MS));
  }
  return { state: { commandId, status: "pending", failureCode: null }, polls: last ? [last] : [] };
}

async function validation(context: CheckContext, original: OriginalCall) {
  const { incident } = context;
  const vin = incident.vin;
  const reads = vin
    ? [`/v1/vehicles/${vin}/status`, `/v1/vehicles/${vin}/features`]
    : ["/v1/account"];
  const replays = await Promise.all(
    reads.map((path) =>
      send(context, incident.environment, { method: "GET", path, command: null }),
    ),
  );
  const answered = replays.flatMap((replay) =>
    replay.exchange ? [outcomeOf(replay.exchange)] : [],
  );
  const signals: CauseSignal[] = answered.flatMap((outcome) => {
    const cause = outcome.status !== null && outcome.status >= 400 ? causeOf(outcome) : null;
    return cause
      ? [{ cause, weight: 1, why: `a read-only validation answered ${describeOutcome(outcome)}` }]
      : [];
  });
  return {
    outcome: signals.length ? ("warn" as const) : ("pass" as const),
    summary: `Read-only validation, not a replay: the ${original.method} ${original.path} was not sent again (it changes the vehicle; confirm to replay it). ${reads
      .map(
        (path, index) =>
          `${path} answered ${answered[index] ? describeOutcome(answered[index]) : "nothing"}`,
      )
      .join("; ")}.`,
    evidence: { mode: "validation", verdict: "validation", original, replays },
    signals,
  };
}

export const replayCheck: CheckDefinition = {
  id: "replay",
  label: "Replay of the failing call",
  causes: [
    "server_outage",
    "rate_limited",
    "app_version",
    "missing_scope",
    "subscription_inactive",
    "vehicle_not_linked",
    "region_unavailable",
    "vehicle_connectivity",
  ],
  cost: 4,
  async run(context) {
    const { incident, vendor } = context;
    if (!incident.accountRef) return skip("The incident names no account to replay the call as.");
    const trace = await vendor.requestTrace(incident.environment, incident.correlationId);
    const original = originalCall(incident, trace.ok ? trace.data.requests : []);
    if (!original)
      return skip(
        "Cannot tell which call failed: the vendor has no request with this correlation id and the error text names no call.",
      );
    if (isWrite(original.method) && !context.replayWrites) return validation(context, original);

    // A write goes to the incident's environment only; a read to both, to tell them apart.
    const environments = isWrite(original.method) ? [incident.environment] : ENVIRONMENTS;
    const replays = await Promise.all(
      environments.map((environment) => send(context, environment, original)),
    );
    const own = replays.find((replay) => replay.environment === incident.environment)!;
    const other = replays.find((replay) => replay.environment !== incident.environment);
    if (!own.exchange)
      return {
        outcome: "error",
        summary: `Could not replay the call in ${incident.environment}: ${own.problem}`,
        evidence: { mode: "replay", verdict: "not_comparable", original, replays },
        signals: [],
      };

    let outcome = outcomeOf(own.exchange);
    let command: CommandState | null = null;
    if (original.command && outcome.status === 202) {
      const followed = await followCommand(context, own, original.path);
      command = followed.state;
      replays.push(...followed.polls);
      if (command && COMMAND_STATUS[command.status])
        outcome = {
          status: COMMAND_STATUS[command.status]!,
          vendorCode: command.failureCode,
          failure: null,
        };
    }
    const verdict = compareOutcomes(original, outcome);
    const evidence = { mode: "replay", verdict, original, replays, command };
    const replayed = `${original.method} ${original.path}${command ? ` (command ${command.status})` : ""}`;
    const originally = describeOutcome({ ...original, failure: null });
    const otherOutcome = other?.exchange ? describeOutcome(outcomeOf(other.exchange)) : null;
    const elsewhere = otherOutcome ? `; ${other!.environment} answered ${otherOutcome}` : "";

    if (verdict === "reproduced") {
      const cause =
        command?.status === "timed_out" && !command.failureCode
          ? "vehicle_connectivity"
          : causeOf(outcome);
      // The vendor's own error code for the same call settles the cause.
      const proves = Boolean(outcome.vendorCode && VENDOR_CODE_CAUSES[outcome.vendorCode]);
      const signals: CauseSignal[] = cause
        ? [
            {
              cause,
              weight: 2.5,
              proves,
              why: `the replay of ${replayed} reproduced ${originally}`,
            },
          ]
        : [];
      if (other?.exchange && (outcomeOf(other.exchange).status ?? 500) < 400 && cause)
        signals.push({
          cause,
          weight: 0.5,
          why: `${other.environment} answered ${otherOutcome}: the failure is specific to ${incident.environment}`,
        });
      return {
        outcome: "fail",
        summary: `Reproduced: ${replayed} answered ${describeOutcome(outcome)} in ${incident.environment}, as the original did (${originally})${elsewhere}.`,
        evidence,
        signals,
      };
    }
    if (verdict === "not_comparable")
      return {
        outcome: "warn",
        summary: `The replay of ${replayed} answered ${describeOutcome(outcome)} in ${incident.environment}; the original outcome is unknown, so this is not called a reproduction${elsewhere}.`,
        evidence,
        signals: [],
      };
    return {
      outcome: "warn",
      summary: `Different outcome: originally ${originally}, the replay of ${replayed} answered ${describeOutcome(outcome)} in ${incident.environment}${elsewhere}.`,
      evidence,
      signals: differentOutcomeSignals(outcome),
    };
  },
};
