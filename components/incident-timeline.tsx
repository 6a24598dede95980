// An incident's timeline, oldest first. A note's HTML was rendered and sanitised on the server
// (lib/incidents/note-markdown), which is why it may be set as HTML here.
import type { TimelineItem } from "@/lib/incidents/timeline";
import { CONFIRMED_CAUSE_LABELS, type ConfirmedCause } from "@/lib/incidents/team-schema";
import { MaskedSecretsNote } from "./masked-secrets-note";

const causeLabel = (cause: string | null) =>
  cause ? (CONFIRMED_CAUSE_LABELS[cause as ConfirmedCause] ?? cause) : "no cause";

function describe(item: TimelineItem): React.ReactNode {
  switch (item.kind) {
    case "note":
      return "added a note";
    case "acknowledged":
      return "acknowledged the incident";
    case "owner_changed":
      return item.to
        ? `made ${item.to.name} the owner`
        : `left it unowned (was ${item.from?.name})`;
    case "status_changed":
      return `changed the status ${item.from} → ${item.to}`;
    case "resolved":
      return `resolved it: ${causeLabel(item.confirmedCause)}${item.confirmedCauseNote ? ` (${item.confirmedCauseNote})` : ""}`;
    case "reopened":
      return `reopened it: ${item.reason}`;
    case "check_run_started":
      return "started a check run";
    case "check_run_finished":
      return `check run ${item.status}; top cause ${causeLabel(item.topCause)}`;
    case "interview_answer":
      return `answered “${item.question}” ${item.answer}`;
    case "probe_state_changed":
      return `${item.endpoint} went ${item.previous ?? "unknown"} → ${item.state}${item.lastStatus ? ` (HTTP ${item.lastStatus})` : ""}`;
    case "change_recorded":
      return `${item.changeKind.replace(/_/g, " ")}: ${item.summary}${item.tenant ? ` (${item.tenant})` : " (whole environment)"}`;
  }
}

const MARKER: Partial<Record<TimelineItem["kind"], string>> = {
  note: "bg-blue-600",
  resolved: "bg-emerald-600",
  reopened: "bg-red-600",
  probe_state_changed: "bg-amber-500",
  change_recorded: "bg-violet-600",
};

export function IncidentTimeline({ items }: { items: TimelineItem[] }) {
  if (items.length === 0)
    return <p className="text-sm text-slate-600 dark:text-slate-400">Nothing has happened yet.</p>;
  return (
    <ol aria-label="Timeline" className="space-y-3 border-l border-slate-200 dark:border-slate-700">
      {items.map((item, index) => (
        <li key={`${item.kind}-${item.at}-${index}`} className="relative pl-4 text-sm">
          <span
            aria-hidden="true"
            className={`absolute -left-1 top-1.5 h-2 w-2 rounded-full ${MARKER[item.kind] ?? "bg-slate-400"}`}
          />
          <p>
            <time
              dateTime={item.at}
              className="font-mono text-xs text-slate-500 dark:text-slate-400"
            >
              {item.at.replace("T", " ").slice(0, 19)}
            </time>{" "}
            <span className="font-medium">{item.actor}</span> {describe(item)}
          </p>
          {item.kind === "resolved" ? (
            <p className="mt-1 text-slate-700 dark:text-slate-300">{item.resolutionNote}</p>
          ) : null}
          {item.kind === "note" ? (
            <div className="mt-1 rounded-md bg-slate-50 p-3 dark:bg-slate-800">
              <div
                className="space-y-2 break-words [&_a]:text-blue-700 [&_a]:underline [&_code]:font-mono [&_h1]:font-semibold [&_h2]:font-semibold [&_h3]:font-semibold [&_ol]:list-decimal [&_ol]:pl-5 [&_pre]:overflow-x-auto [&_ul]:list-disc [&_ul]:pl-5 dark:[&_a]:text-blue-400"
                dangerouslySetInnerHTML={{ __html: item.html }}
              />
              <MaskedSecretsNote count={item.maskedSecrets} />
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
