import type { VersionField } from "@/lib/runbooks/version-diff";
import { RunbookVersionDiff } from "./runbook-version-diff";

/** For the reviewer: what changed since the version they last reviewed, or that this is their first. */
export function RunbookSinceLastReview({
  from,
  to,
  fields,
}: {
  from: number | null;
  to: number;
  fields: VersionField[];
}) {
  if (from === null) {
    return (
      <p className="rounded-md bg-sky-50 p-3 text-sm text-sky-900 dark:bg-sky-950 dark:text-sky-200">
        First review: you have not reviewed an earlier version of this entry.
      </p>
    );
  }
  return (
    <RunbookVersionDiff
      from={from}
      to={to}
      fields={fields}
      title={`Since your last review: changes from version ${from} to version ${to}`}
    />
  );
}
