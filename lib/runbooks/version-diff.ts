// Two versions of a runbook entry side by side, field by field, as the entry page and the
// reviewer's "since your last review" show them.
import { CAUSE_LABELS } from "@/lib/diagnosis/taxonomy";
import type { RunbookVersionRecord } from "./store";

export type VersionField = { label: string; before: string; after: string };

function comparable(version: RunbookVersionRecord): Array<[string, string]> {
  return [
    ["Title", version.title],
    ["Cause", CAUSE_LABELS[version.causeId] ?? version.causeId],
    ["Error string", version.errorString],
    ["Signature", version.signature],
    ["Fix applied", version.fixApplied],
    ["SDK version", version.sdkVersion ?? ""],
    ["API version header", version.apiVersion ?? ""],
    ["OAuth scopes", version.scopes.join(" ")],
    ["Failing correlation id", version.correlationId ?? ""],
    ["Green dependency pin", version.greenDependencyPin ?? ""],
    ["Vendor incident id", version.vendorIncidentId ?? ""],
    ["Support case number", version.supportCaseNumber ?? ""],
  ];
}

/** Every compared field with its value in each version (the diff leaves out unchanged ones). */
export function versionDiffFields(
  before: RunbookVersionRecord,
  after: RunbookVersionRecord,
): VersionField[] {
  const old = comparable(before);
  return comparable(after).map(([label, value], index) => ({
    label,
    before: old[index]![1],
    after: value,
  }));
}
