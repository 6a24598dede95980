// A runbook entry as Markdown: what an on-caller pastes into a ticket or a wiki. Pure, so the
// download route and the tests get the same text.
import { CAUSE_LABELS, type CauseId } from "@/lib/diagnosis/taxonomy";
import { maskText } from "@/lib/security/secrets";
import {
  REVIEW_DECISION_LABELS,
  RUNBOOK_STATUS_LABELS,
  type ReviewDecision,
  type RunbookStatus,
} from "./schema";

export type MarkdownEntry = {
  id: string;
  status: RunbookStatus;
  approvedVersion: number | null;
  currentVersion: number;
};

export type MarkdownVersion = {
  version: number;
  title: string;
  causeId: CauseId;
  signature: string;
  errorString: string;
  fixApplied: string;
  sdkVersion: string | null;
  apiVersion: string | null;
  scopes: string[];
  correlationId: string | null;
  vendorIncidentId: string | null;
  supportCaseNumber: string | null;
  greenDependencyPin: string | null;
  authorName: string | null;
  createdAt: Date;
};

export type MarkdownReview = {
  version: number;
  decision: string;
  comment: string | null;
  reviewerName: string | null;
  createdAt: Date;
};

// A table cell holds one line and no unescaped pipe.
const cell = (value: string | null | undefined) =>
  value ? value.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>") : "—";

const code = (value: string | null | undefined) => {
  if (!value) return "—";
  const longestRun = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const padded = value.startsWith("`") || value.endsWith("`") ? ` ${value} ` : value;
  return cell(`${fence}${padded}${fence}`);
};

/** A fenced block longer than any backtick run inside, so the error string is shown verbatim. */
function fenced(text: string, language = "text"): string {
  const longestRun = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  return `${fence}${language}\n${text.replace(/\r\n/g, "\n")}\n${fence}`;
}

const day = (date: Date) => date.toISOString().slice(0, 16).replace("T", " ");

/** The Markdown, with secrets masked again as a last line: a download leaves Pitstop for good. */
export function runbookMarkdown(
  entry: MarkdownEntry,
  version: MarkdownVersion,
  reviews: MarkdownReview[] = [],
): string {
  return maskText(markdownOf(entry, version, reviews));
}

function markdownOf(
  entry: MarkdownEntry,
  version: MarkdownVersion,
  reviews: MarkdownReview[],
): string {
  const state =
    version.version === entry.approvedVersion
      ? "approved"
      : `not approved (entry is ${RUNBOOK_STATUS_LABELS[entry.status].toLowerCase()}${entry.approvedVersion ? `; version ${entry.approvedVersion} is the approved one` : ""})`;
  const rows: Array<[string, string]> = [
    ["Cause", `${cell(CAUSE_LABELS[version.causeId])} (${code(version.causeId)})`],
    ["Signature", code(version.signature)],
    ["SDK version", code(version.sdkVersion)],
    ["API version header", code(version.apiVersion)],
    ["OAuth scopes", version.scopes.length ? code(version.scopes.join(" ")) : "—"],
    ["Failing correlation id", code(version.correlationId)],
    ["Vendor incident id", cell(version.vendorIncidentId)],
    ["Support case number", cell(version.supportCaseNumber)],
    ["Green dependency pin", code(version.greenDependencyPin)],
    ["Author", cell(version.authorName)],
    ["Written (UTC)", day(version.createdAt)],
  ];
  const thread = reviews.filter((review) => review.version === version.version);
  return [
    `# ${version.title.replace(/\r?\n/g, " ")}`,
    "",
    `Runbook entry \`${entry.id}\`, version ${version.version}: ${state}.`,
    "",
    "## Fields",
    "",
    "| Field | Value |",
    "| --- | --- |",
    ...rows.map(([field, value]) => `| ${field} | ${value} |`),
    "",
    "## Error string",
    "",
    fenced(version.errorString),
    "",
    "## Fix applied",
    "",
    version.fixApplied.replace(/\r\n/g, "\n"),
    ...(thread.length
      ? [
          "",
          "## Reviews of this version",
          "",
          ...thread.map((review) => {
            const decision =
              REVIEW_DECISION_LABELS[review.decision as ReviewDecision] ?? review.decision;
            const comment = review.comment ? `: ${review.comment.replace(/\r?\n/g, " ")}` : "";
            return `- ${day(review.createdAt)} ${review.reviewerName ?? "someone"}: ${decision}${comment}`;
          }),
        ]
      : []),
    "",
  ].join("\n");
}

/** A file name for the download: the title as a slug, with the version. */
export function runbookMarkdownFileName(title: string, version: number): string {
  const slug =
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "runbook";
  return `${slug}-v${version}.md`;
}
