// The incident's 72-hour change timeline: what changed in its environment before it.
import Link from "next/link";
import { ChangeTimeline } from "@/components/change-timeline";
import { EmptyState } from "@/components/empty-state";
import { changesBefore } from "@/lib/changes/store";
import { buildChangeTimeline, CHANGE_WINDOW_HOURS, CHANGE_WINDOW_MS } from "@/lib/changes/timeline";

const TIMELINE_LIMIT = 100;

export async function ChangeTimelineSection({
  incident,
}: {
  incident: { environment: string; tenant: string; occurredAt: Date };
}) {
  const changes = await changesBefore({
    ...incident,
    at: incident.occurredAt,
    windowMs: CHANGE_WINDOW_MS,
    limit: TIMELINE_LIMIT,
  });
  const entries = buildChangeTimeline(incident, changes);
  return (
    <section aria-labelledby="change-timeline-heading" className="space-y-2">
      <h2 id="change-timeline-heading" className="font-semibold">
        Changes in the {CHANGE_WINDOW_HOURS} hours before
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {incident.environment} changes for {incident.tenant} (highlighted) and for the whole
        environment, nearest the incident first.{" "}
        <Link
          href={`/changes?environment=${incident.environment}`}
          className="text-blue-700 underline dark:text-blue-400"
        >
          All {incident.environment} changes
        </Link>
      </p>
      {entries.length ? (
        <ChangeTimeline entries={entries} tenant={incident.tenant} />
      ) : (
        <EmptyState
          title={`No changes recorded in the ${CHANGE_WINDOW_HOURS} hours before this incident`}
        >
          Nothing was recorded or imported for {incident.environment} ({incident.tenant} or
          environment-wide) in that window.
        </EmptyState>
      )}
    </section>
  );
}
