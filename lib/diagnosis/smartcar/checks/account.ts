// The owner's side of a Smartcar connection: whether Pitstop can get a token for the linked
// account and Smartcar accepts it (GET /v2.0/user), and how much rate-limit headroom the
// answers' headers show.
import {
  skip,
  type CauseSignal,
  type CheckDefinition,
  type SmartcarCheckContext,
} from "../../check";
import type { Exchange } from "@/lib/telematics/client";
import { codeSignal, loggedCall, vehicleIdOf } from "./shared";

export const smartcarAccountCheck: CheckDefinition<SmartcarCheckContext> = {
  id: "account_token",
  label: "Smartcar token and account (/user)",
  causes: ["account_auth"],
  cost: 2,
  async run({ incident, smartcar }) {
    if (!incident.accountRef)
      return skip("The incident names no account, so its Smartcar token cannot be checked.");
    const token = await smartcar.token(incident.accountRef);
    if (!token.ok)
      return {
        outcome: "fail",
        summary: `Could not get a Smartcar token for ${incident.accountRef}: ${token.problem}`,
        evidence: { problem: token.problem },
        signals: [
          {
            cause: "account_auth",
            weight: 2.5,
            why: `no working token for the account: ${token.problem}`,
          },
        ],
      };
    const user = await smartcar.user(incident.accountRef);
    const evidence = {
      linkId: token.linkId,
      smartcarUserId: token.smartcarUserId,
      exchange: user.exchange,
    };
    if (user.ok)
      return {
        outcome: "pass",
        summary: `Smartcar accepts the account's token (user ${user.data.id}).`,
        evidence,
        signals: [{ cause: "account_auth", weight: -1.5, why: "a fresh token reads /v2.0/user" }],
      };
    const signal = codeSignal(user.error, 3, "GET /v2.0/user");
    if (!signal)
      return {
        outcome: "error",
        summary: `Could not read /v2.0/user: ${user.problem}`,
        evidence: { ...evidence, problem: user.problem },
        signals: [],
      };
    return {
      outcome: "fail",
      summary: `Smartcar refused the account's token: ${user.problem}.`,
      evidence: { ...evidence, problem: user.problem, error: user.error },
      signals: [signal],
    };
  },
};

type Headroom = {
  limit: number | null;
  remaining: number | null;
  reset: string | null;
  retryAfter: string | null;
};

function headroomOf(exchange: Exchange | null): Headroom | null {
  const headers = exchange?.response?.headers;
  if (!headers) return null;
  const number = (name: string) => (headers[name] === undefined ? null : Number(headers[name]));
  const headroom = {
    limit: number("x-ratelimit-limit"),
    remaining: number("x-ratelimit-remaining"),
    reset: headers["x-ratelimit-reset"] ?? null,
    retryAfter: headers["retry-after"] ?? null,
  };
  return Object.values(headroom).some((value) => value !== null) ? headroom : null;
}

export const smartcarRateLimitCheck: CheckDefinition<SmartcarCheckContext> = {
  id: "rate_limit",
  label: "Rate-limit headroom",
  causes: ["rate_limited"],
  cost: 2,
  async run(context) {
    const { incident, smartcar } = context;
    const { vehicleId } = await vehicleIdOf(context);
    const [user, read, logged] = await Promise.all([
      smartcar.user(incident.accountRef),
      vehicleId ? smartcar.attributes(incident.accountRef, vehicleId) : Promise.resolve(null),
      loggedCall(context),
    ]);
    const answers = [
      { call: "GET /v2.0/user", looked: user },
      ...(read && vehicleId ? [{ call: `GET /v2.0/vehicles/${vehicleId}`, looked: read }] : []),
    ];
    const headroom = answers.map(({ call, looked }) => ({
      call,
      headroom: headroomOf(looked.exchange),
    }));
    const throttledNow = answers.filter(({ looked }) => looked.exchange?.response?.status === 429);
    const throttledThen = logged.searched.filter((entry) => entry.status === 429);
    const exhausted = headroom.find(({ headroom: shown }) => shown?.remaining === 0);
    const evidence = {
      headroom,
      throttledNow: throttledNow.map(({ call, looked }) => ({
        call,
        status: 429,
        problem: looked.ok ? null : looked.problem,
        retryAfter: looked.exchange?.response?.headers["retry-after"] ?? null,
      })),
      throttledAtIncident: throttledThen,
    };
    const signals: CauseSignal[] = [];
    for (const { call, looked } of throttledNow) {
      const coded = looked.ok ? null : codeSignal(looked.error, 3, call);
      signals.push(
        coded?.cause === "rate_limited"
          ? coded
          : { cause: "rate_limited", weight: 3, why: `${call} answered 429 now` },
      );
    }
    if (throttledThen.length)
      signals.push({
        cause: "rate_limited",
        weight: 2,
        why: `the vendor logged ${throttledThen.length} request(s) answered 429 around the incident`,
      });
    if (exhausted && !throttledNow.length)
      signals.push({
        cause: "rate_limited",
        weight: 2,
        why: `${exhausted.call} shows no requests left in the window (resets ${exhausted.headroom!.reset ?? "at an unknown time"})`,
      });
    if (signals.length)
      return {
        outcome: "fail",
        summary: `Rate limited: ${signals.map((signal) => signal.why).join("; ")}.`,
        evidence,
        signals,
      };
    const shown = headroom.find((entry) => entry.headroom?.remaining !== null && entry.headroom);
    return {
      outcome: "pass",
      summary: shown
        ? `${shown.headroom!.remaining} of ${shown.headroom!.limit ?? "?"} requests left in the window; no 429 now or around the incident.`
        : "No 429 now or around the incident; the answers carry no rate-limit headers.",
      evidence,
      signals: [{ cause: "rate_limited", weight: -1, why: "no 429 and headroom left" }],
    };
  },
};
