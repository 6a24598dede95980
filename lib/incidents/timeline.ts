import "server-only";
// One incident's timeline, oldest first: the team's stored events (notes, acknowledgement, owner
// and status changes, resolution) merged with what other tables already keep — check runs,
// interview answers, the environment's probe state changes around the incident and the changes
// recorded in the window the change-timeline section shows.
import { changesBefore } from "@/lib/changes/store";
import { CHANGE_WINDOW_MS } from "@/lib/changes/timeline";
import { db } from "@/lib/db/client";
import type { IncidentEvent } from "@/lib/db/generated/client";
import { storedAnswers } from "@/lib/diagnosis/interview-answers";
import { CAUSE_IDS, type CauseId } from "@/lib/diagnosis/taxonomy";
import { isProbeEnvironment } from "@/lib/probes/catalogue";
import { probeStateChangesAround } from "@/lib/probes/store";
import { renderNoteHtml } from "./note-markdown";

const CHANGE_LIMIT = 100;

type Base = { at: string; actor: string };
type OwnerRef = { id: string; name: string } | null;

export type TimelineItem = Base &
  (
    | { kind: "note"; id: number; body: string; html: string; maskedSecrets: number }
    | { kind: "acknowledged"; id: number }
    | { kind: "owner_changed"; id: number; from: OwnerRef; to: OwnerRef }
    | { kind: "status_changed"; id: number; from: string; to: string }
    | {
        kind: "resolved";
        id: number;
        confirmedCause: string;
        confirmedCauseNote: string | null;
        resolutionNote: string;
      }
    | { kind: "reopened"; id: number; reason: string }
    | { kind: "check_run_started"; runId: string }
    | { kind: "check_run_finished"; runId: string; status: string; topCause: CauseId | null }
    | { kind: "interview_answer"; questionId: string; question: string; answer: string }
    | {
        kind: "probe_state_changed";
        endpoint: string;
        state: string;
        previous: string | null;
        lastStatus: number | null;
      }
    | {
        kind: "change_recorded";
        changeId: string;
        changeKind: string;
        summary: string;
        tenant: string | null;
        source: string;
      }
  );

type Incident = { id: string; environment: string; tenant: string; occurredAt: Date };

function storedEventItem(event: IncidentEvent): TimelineItem {
  const base = { id: event.id, at: event.at.toISOString(), actor: event.actorLabel };
  const data = (event.data ? JSON.parse(event.data) : {}) as Record<string, unknown>;
  switch (event.kind) {
    case "note":
      return {
        ...base,
        kind: "note",
        body: event.body ?? "",
        html: renderNoteHtml(event.body ?? ""),
        maskedSecrets: event.maskedSecrets,
      };
    case "owner_changed":
      return {
        ...base,
        kind: "owner_changed",
        from: data.from as OwnerRef,
        to: data.to as OwnerRef,
      };
    case "status_changed":
      return { ...base, kind: "status_changed", from: String(data.from), to: String(data.to) };
    case "resolved":
      return {
        ...base,
        kind: "resolved",
        confirmedCause: String(data.confirmedCause),
        confirmedCauseNote: (data.confirmedCauseNote as string | null) ?? null,
        resolutionNote: String(data.resolutionNote),
      };
    case "reopened":
      return { ...base, kind: "reopened", reason: String(data.reason) };
    default:
      return { ...base, kind: "acknowledged" };
  }
}

function topCauseOf(ranking: string | null): CauseId | null {
  if (!ranking) return null;
  const cause = (JSON.parse(ranking) as { ranked?: Array<{ cause?: string }> }).ranked?.[0]?.cause;
  return CAUSE_IDS.find((id) => id === cause) ?? null;
}

async function checkRunItems(incidentId: string): Promise<TimelineItem[]> {
  const runs = await db.checkRun.findMany({
    where: { incidentId },
    orderBy: { startedAt: "asc" },
    select: {
      id: true,
      status: true,
      startedAt: true,
      finishedAt: true,
      ranking: true,
      triggeredBy: { select: { name: true } },
    },
  });
  return runs.flatMap((run): TimelineItem[] => {
    const actor = run.triggeredBy?.name ?? "Pitstop";
    const started: TimelineItem = {
      kind: "check_run_started",
      at: run.startedAt.toISOString(),
      actor,
      runId: run.id,
    };
    if (!run.finishedAt) return [started];
    return [
      started,
      {
        kind: "check_run_finished",
        at: run.finishedAt.toISOString(),
        actor,
        runId: run.id,
        status: run.status,
        topCause: topCauseOf(run.ranking),
      },
    ];
  });
}

async function probeItems(incident: Incident): Promise<TimelineItem[]> {
  if (!isProbeEnvironment(incident.environment)) return [];
  const changes = await probeStateChangesAround(incident.environment, incident.occurredAt);
  return changes.map((change) => ({
    kind: "probe_state_changed",
    at: change.at.toISOString(),
    actor: "Vendor probes",
    endpoint: change.endpoint,
    state: change.state,
    previous: change.previous,
    lastStatus: change.lastStatus,
  }));
}

async function changeItems(incident: Incident): Promise<TimelineItem[]> {
  const changes = await changesBefore({
    ...incident,
    at: incident.occurredAt,
    windowMs: CHANGE_WINDOW_MS,
    limit: CHANGE_LIMIT,
  });
  return changes.map((change) => ({
    kind: "change_recorded",
    at: change.occurredAt.toISOString(),
    actor: change.createdBy ?? (change.source === "vendor_audit" ? "Vendor audit log" : "Unknown"),
    changeId: change.id,
    changeKind: change.kind,
    summary: change.summary,
    tenant: change.tenant,
    source: change.source,
  }));
}

/** The incident's timeline, oldest first; items at the same instant keep the order above. */
export async function incidentTimeline(incident: Incident): Promise<TimelineItem[]> {
  const [events, runs, answers, probes, changes] = await Promise.all([
    db.incidentEvent.findMany({ where: { incidentId: incident.id }, orderBy: { id: "asc" } }),
    checkRunItems(incident.id),
    storedAnswers(incident.id),
    probeItems(incident),
    changeItems(incident),
  ]);
  const answerItems = answers.map((answer): TimelineItem => ({
    kind: "interview_answer",
    at: answer.answeredAt,
    actor: answer.answeredBy,
    questionId: answer.questionId,
    question: answer.question,
    answer: answer.answer,
  }));
  const items = [...changes, ...probes, ...runs, ...answerItems, ...events.map(storedEventItem)];
  // Array.prototype.sort is stable, so equal instants keep the order the lists were joined in.
  return items.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
