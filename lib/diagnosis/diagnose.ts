import "server-only";
// One diagnosis of an incident: the classifier's prior, every check against the vendor, the
// ranking, all stored as a check run (with each result) so runs can be compared later.
import { recordAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/policy";
import { db, type Prisma } from "@/lib/db/client";
import { maskBody, maskText } from "@/lib/security/secrets";
import type { IncidentRecord } from "@/lib/incidents/store";
import { simulatorBaseUrl } from "@/lib/telematics/simulator-status";
import {
  connectionForIncident,
  smartcarAccessToken,
  type SmartcarConnectionRuntime,
} from "@/lib/vendors/runtime";
import type { CheckContext, CheckResult, IncidentForChecks, SmartcarCheckContext } from "./check";
import { classifyIncident, type Classification, type ClassifiedIncident } from "./classifier";
import { answerEvidence } from "./interview";
import { storedAnswers, type StoredAnswer } from "./interview-answers";
import { rankCauses, type Diagnosis } from "./rank-causes";
import { CHECKS, runChecks } from "./run-checks";
import { SMARTCAR_CHECKS } from "./smartcar/checks";
import { SmartcarGateway } from "./smartcar/gateway";
import { VendorGateway } from "./vendor-gateway";

export type DiagnosisEvent =
  | { type: "started"; runId: string; checks: number }
  | { type: "check"; result: CheckResult }
  | { type: "finished"; runId: string; diagnosis: Diagnosis };

const VENDOR_TIMEOUT_MS = 3_000;

function checksInput(incident: IncidentRecord): IncidentForChecks {
  return { ...incident, environment: incident.environment === "prod" ? "prod" : "sandbox" };
}

export function vendorGateway(): VendorGateway {
  return new VendorGateway({
    baseUrl: simulatorBaseUrl(),
    adminKey: process.env.SIMULATOR_ADMIN_KEY ?? process.env.SIM_ADMIN_KEY ?? "sim-admin-key",
    timeoutMs: VENDOR_TIMEOUT_MS,
  });
}

/** One run's gateway to a Smartcar connection, with tokens from the accounts linked to it. */
export function smartcarGateway(connection: SmartcarConnectionRuntime): SmartcarGateway {
  return new SmartcarGateway({
    connection,
    timeoutMs: VENDOR_TIMEOUT_MS,
    accessToken: (accountRef) => smartcarAccessToken(connection, accountRef),
  });
}

/** The checks' context for the incident's vendor connection: Smartcar's, else the simulator's as before. */
export async function checkContextFor(
  incident: IncidentRecord,
  replayWrites: boolean,
): Promise<CheckContext | SmartcarCheckContext> {
  const connection = await connectionForIncident(incident.vendorConnectionId);
  if (connection.kind === "smartcar")
    return { incident: checksInput(incident), smartcar: smartcarGateway(connection), replayWrites };
  return { incident: checksInput(incident), vendor: vendorGateway(), replayWrites };
}

export async function diagnoseIncident(
  incident: IncidentRecord,
  actor: Actor,
  options: { replayWrites?: boolean } = {},
  onEvent: (event: DiagnosisEvent) => void = () => undefined,
): Promise<{ runId: string; diagnosis: Diagnosis; results: CheckResult[] }> {
  const context = await checkContextFor(incident, options.replayWrites ?? false);
  const run = await db.$transaction(async (tx) => {
    const created = await tx.checkRun.create({
      data: {
        incidentId: incident.id,
        status: "running",
        triggeredById: actor.kind === "user" ? actor.id : null,
      },
    });
    await recordAudit(tx, actor, {
      action: "checks.run",
      entityType: "incident",
      entityId: incident.id,
      after: { runId: created.id, replayWrites: options.replayWrites ?? false },
    });
    return created;
  });
  onEvent({
    type: "started",
    runId: run.id,
    checks: ("smartcar" in context ? SMARTCAR_CHECKS : CHECKS).length,
  });
  const prior = classifyIncident(incident).causes;
  const results = await runChecks(context, {
    onResult: (result) => onEvent({ type: "check", result }),
  });
  const diagnosis = rankCauses(prior, results, answerEvidence(await storedAnswers(incident.id)));
  await db.$transaction(async (tx) => {
    await tx.checkResult.createMany({
      data: results.map((result) => ({
        runId: run.id,
        checkId: result.checkId,
        outcome: result.outcome,
        causeId: result.signals.find((signal) => signal.weight > 0)?.cause ?? null,
        summary: maskText(result.summary),
        // Masked again as a last line: a check may quote what a vendor sent it.
        evidence: JSON.stringify(
          maskBody({
            label: result.label,
            causes: result.causes,
            signals: result.signals,
            evidence: result.evidence,
          }),
        ),
        durationMs: result.durationMs,
      })),
    });
    await tx.checkRun.update({
      where: { id: run.id },
      data: {
        status: "completed",
        finishedAt: new Date(),
        ranking: JSON.stringify(maskBody(diagnosis)),
      },
    });
    // Trends count the incident under what the checks found, not the text classifier's guess.
    const topCause = diagnosis.ranked[0]?.cause;
    if (topCause)
      await tx.incident.update({ where: { id: incident.id }, data: { likelyCause: topCause } });
  });
  onEvent({ type: "finished", runId: run.id, diagnosis });
  return { runId: run.id, diagnosis, results };
}

export type StoredCheckRun = {
  id: string;
  status: string;
  startedAt: Date;
  finishedAt: Date | null;
  diagnosis: Diagnosis | null;
  results: CheckResult[];
};

export async function checkRunsOf(
  incidentId: string,
  take = 10,
  client: Prisma.TransactionClient = db,
): Promise<StoredCheckRun[]> {
  const runs = await client.checkRun.findMany({
    where: { incidentId },
    orderBy: { startedAt: "desc" },
    take,
    include: { results: { orderBy: { id: "asc" } } },
  });
  return runs.map((run) => ({
    id: run.id,
    status: run.status,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    diagnosis: run.ranking ? (maskBody(JSON.parse(run.ranking)) as Diagnosis) : null,
    results: run.results.map((result) => {
      // Masked on the way out too, for rows stored before the allowlist existed.
      const stored = maskBody(JSON.parse(result.evidence)) as Pick<
        CheckResult,
        "label" | "causes" | "signals" | "evidence"
      >;
      return {
        checkId: result.checkId,
        outcome: result.outcome as CheckResult["outcome"],
        summary: maskText(result.summary),
        durationMs: result.durationMs,
        ...stored,
      };
    }),
  }));
}

/** How many recent runs the ranking looks through for the latest finished one. */
export const RECENT_RUNS = 5;

/**
 * The ranking as it stands: the prior, the latest finished run's checks and the interview's
 * answers. Ranked afresh rather than read from the run, so answers given since count at once.
 */
export function diagnosisOf(
  prior: Classification["causes"],
  runs: readonly StoredCheckRun[],
  answers: readonly StoredAnswer[],
): Diagnosis {
  const latest = runs.find((run) => run.diagnosis);
  return rankCauses(prior, latest?.results ?? [], answerEvidence(answers));
}

/** diagnosisOf for an incident, reading its runs and answers. */
export async function currentDiagnosis(
  incident: ClassifiedIncident & { id: string },
  client: Prisma.TransactionClient = db,
): Promise<Diagnosis> {
  const [runs, answers] = await Promise.all([
    checkRunsOf(incident.id, RECENT_RUNS, client),
    storedAnswers(incident.id, client),
  ]);
  return diagnosisOf(classifyIncident(incident).causes, runs, answers);
}
