import "server-only";
// The simulator's fault board as Pitstop drives it: list, inject, clear and reset over the
// simulator's admin API with its admin key, every change audited with who made it. Who injected
// a fault is read back from the audit log, so every app instance shows the same name.
import type { z } from "zod";
import { recordAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/policy";
import { db } from "@/lib/db/client";
import { vendorGateway } from "@/lib/diagnosis/diagnose";
import { maskSecretsInText } from "@/lib/security/secrets";
import { readBody, TelematicsClient, type TelematicsRequest } from "@/lib/telematics/client";
import {
  simulatorFaultListSchema,
  simulatorFaultSchema,
  simulatorResetSchema,
  type BoardFault,
  type FaultRequest,
  type SimulatorFault,
} from "./schema";

const SIMULATOR_TIMEOUT_MS = 5_000;
const ENTITY = "simulator_fault";
export const FAULT_AUDIT_ACTIONS = {
  inject: "simulator.fault_inject",
  clear: "simulator.fault_clear",
  reset: "simulator.reset",
} as const;

/** Why the simulator could not do it: it did not answer, answered nonsense, or has no such fault. */
export type SimulatorRefusal = {
  ok: false;
  reason: "unreachable" | "bad_answer" | "not_found";
  message: string;
};
type Answer<T> = { ok: true; data: T } | SimulatorRefusal;

async function askSimulator<S extends z.ZodType>(
  request: TelematicsRequest,
  schema: S,
): Promise<Answer<z.output<S>>> {
  const { baseUrl, adminKey } = vendorGateway().options;
  const client = new TelematicsClient({
    baseUrl,
    timeoutMs: SIMULATOR_TIMEOUT_MS,
    userAgent: "pitstop-fault-board/1.0",
  });
  const exchange = await client.send({
    ...request,
    headers: { "x-admin-key": adminKey },
    // An injection is not idempotent: never sent twice.
    retry: { maxAttempts: 1, baseMs: 0, capMs: 0 },
  });
  if (exchange.failure)
    return {
      ok: false,
      reason: "unreachable",
      message: `The simulator at ${baseUrl} did not answer (${exchange.failure.kind}: ${exchange.failure.message}).`,
    };
  const status = exchange.response!.status;
  if (status === 404) return { ok: false, reason: "not_found", message: "No such fault." };
  if (status >= 300) {
    const body = exchange.response!.body as { message?: unknown } | null;
    const said = typeof body?.message === "string" ? `: ${body.message}` : "";
    return {
      ok: false,
      reason: "bad_answer",
      message: `The simulator answered ${status}${said}.`,
    };
  }
  const read = readBody(exchange, schema);
  return read.ok
    ? { ok: true, data: read.data }
    : {
        ok: false,
        reason: "bad_answer",
        message: `The simulator's answer could not be read: ${read.problem}.`,
      };
}

async function injectorsOf(ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const entries = await db.auditEvent.findMany({
    where: { entityType: ENTITY, action: FAULT_AUDIT_ACTIONS.inject, entityId: { in: ids } },
    select: { entityId: true, actorLabel: true },
  });
  return new Map(entries.map((entry) => [entry.entityId!, entry.actorLabel]));
}

function onBoard(fault: SimulatorFault, injectedBy: string | null, now: number): BoardFault {
  const starts = Date.parse(fault.startsAt);
  return {
    ...fault,
    state: starts > now ? "scheduled" : "active",
    remainingS: Math.max(0, Math.ceil((Date.parse(fault.endsAt) - Math.max(now, starts)) / 1000)),
    injectedBy,
  };
}

/** Active and scheduled faults, soonest to end first; ended ones the simulator still holds are left out. */
export async function listFaults(): Promise<Answer<BoardFault[]>> {
  const answer = await askSimulator(
    { method: "GET", path: "/admin/faults" },
    simulatorFaultListSchema,
  );
  if (!answer.ok) return answer;
  const now = Date.now();
  const current = answer.data.faults.filter((fault) => Date.parse(fault.endsAt) > now);
  const injectors = await injectorsOf(current.map((fault) => fault.id));
  return {
    ok: true,
    data: current
      .map((fault) => onBoard(fault, injectors.get(fault.id) ?? null, now))
      .sort((a, b) => a.endsAt.localeCompare(b.endsAt)),
  };
}

export async function injectFault({
  actor,
  input,
}: {
  actor: Actor;
  input: FaultRequest;
}): Promise<Answer<BoardFault> & { maskedSecrets?: number }> {
  const note = input.note === undefined ? null : maskSecretsInText(input.note);
  const answer = await askSimulator(
    { method: "POST", path: "/admin/faults", json: { ...input, note: note?.text } },
    simulatorFaultSchema,
  );
  if (!answer.ok) return answer;
  await db.$transaction((tx) =>
    recordAudit(tx, actor, {
      action: FAULT_AUDIT_ACTIONS.inject,
      entityType: ENTITY,
      entityId: answer.data.id,
      after: answer.data,
    }),
  );
  return {
    ok: true,
    data: onBoard(answer.data, actor.label, Date.now()),
    maskedSecrets: note?.masked ?? 0,
  };
}

export async function clearFault({
  actor,
  id,
}: {
  actor: Actor;
  id: string;
}): Promise<Answer<SimulatorFault>> {
  const answer = await askSimulator(
    { method: "DELETE", path: `/admin/faults/${encodeURIComponent(id)}` },
    simulatorFaultSchema,
  );
  if (!answer.ok) return answer;
  await db.$transaction((tx) =>
    recordAudit(tx, actor, {
      action: FAULT_AUDIT_ACTIONS.clear,
      entityType: ENTITY,
      entityId: id,
      before: answer.data,
    }),
  );
  return answer;
}

/** Back to the seeded state: fleet, keys, tokens, logs and every fault. */
export async function resetSimulator({
  actor,
}: {
  actor: Actor;
}): Promise<Answer<{ reset: true }>> {
  const answer = await askSimulator({ method: "POST", path: "/admin/reset" }, simulatorResetSchema);
  if (!answer.ok) return answer;
  await db.$transaction((tx) =>
    recordAudit(tx, actor, {
      action: FAULT_AUDIT_ACTIONS.reset,
      entityType: "simulator",
      after: answer.data,
    }),
  );
  return answer;
}
