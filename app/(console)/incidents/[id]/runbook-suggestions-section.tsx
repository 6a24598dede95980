import Link from "next/link";
import { RunbookSuggestions } from "@/components/runbook-suggestions";
import type { SessionUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/policy";
import { CAUSE_LABELS } from "@/lib/diagnosis/taxonomy";
import { suggestionsForIncident } from "@/lib/runbooks/suggestions";

const linkClass = "rounded-md border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-700";

/** Approved runbook entries that match this incident, first on its page; and the ways to write one or print the report. */
export async function RunbookSuggestionsSection({
  user,
  incident,
}: {
  user: SessionUser;
  incident: { id: string; signature: string; errorString: string };
}) {
  const suggestions = can(user, "runbook.read") ? await suggestionsForIncident(incident) : [];
  return (
    <div className="space-y-3">
      <RunbookSuggestions
        items={suggestions.map((suggestion) => ({
          entryId: suggestion.entryId,
          title: suggestion.title,
          causeLabel: CAUSE_LABELS[suggestion.causeId] ?? suggestion.causeId,
          matchLabel: suggestion.matchLabel,
          fixApplied: suggestion.fixApplied,
          strongest: suggestion.match === "signature",
        }))}
      />
      <div className="no-print flex flex-wrap gap-2">
        {can(user, "runbook.draft") ? (
          <Link
            href={`/runbooks/new?incident=${encodeURIComponent(incident.id)}`}
            className={linkClass}
          >
            Draft runbook entry
          </Link>
        ) : null}
        <Link href={`/incidents/${encodeURIComponent(incident.id)}/report`} className={linkClass}>
          Printable report
        </Link>
      </div>
    </div>
  );
}
