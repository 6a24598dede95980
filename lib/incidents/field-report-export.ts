import "server-only";
// The team's own field reports: resolved incidents with one of the ten causes confirmed, as
// field report records (DESIGN.md "Field reports") with origin "internal", for training the
// classifier on the team's history (npm run train:classifier -- --internal DIR). Secrets are
// masked and VINs and account references taken out of the text; neither travels as a field.
import { db } from "@/lib/db/client";
import { fieldReportSchema, type FieldReport } from "@/lib/diagnosis/field-report";
import { CAUSE_IDS, type CauseId } from "@/lib/diagnosis/taxonomy";
import { maskText } from "@/lib/security/secrets";

/** Where an internal report points: stable, never public (RFC 2606 reserves .invalid). */
export const INTERNAL_SOURCE_BASE = "https://pitstop.invalid/incidents/";

const VIN =
  /\b(?=[A-HJ-NPR-Z0-9]{17}\b)(?=[A-HJ-NPR-Z0-9]*\d)(?=[A-HJ-NPR-Z0-9]*[A-HJ-NPR-Z])[A-HJ-NPR-Z0-9]{17}\b/gi;
const EMAIL = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g;
// "accountId: 8812", "account_ref=ava": the value of a field that names an account.
const ACCOUNT_FIELD = /\b((?:account|acct|customer)[\w-]*["']?\s*[:=]\s*["']?)[\w.+-]+/gi;
// "acct-1042", "account #77", "customer_9f3": an account named by a number-bearing id.
const ACCOUNT_ID = /\b(?:acct|account|cust|customer)(?:[-_:#]|\s#?)?(?=[\w-]*\d)[\w-]+\b/gi;
const escaped = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

type Identifiers = { vin: string | null; accountRef: string | null };

/** Masks secrets and replaces VINs and account references with placeholders. */
export function scrubText(text: string, known: Identifiers): string {
  let scrubbed = maskText(text);
  for (const [value, placeholder] of [
    [known.vin, "<vin>"],
    [known.accountRef, "<account>"],
  ] as const) {
    // Whole tokens only, so a short reference does not eat the inside of other words.
    if (value?.trim())
      scrubbed = scrubbed.replace(
        new RegExp(`(?<!\\w)${escaped(value.trim())}(?!\\w)`, "gi"),
        placeholder,
      );
  }
  return scrubbed
    .replace(VIN, "<vin>")
    .replace(EMAIL, "<account>")
    .replace(ACCOUNT_FIELD, "$1<account>")
    .replace(ACCOUNT_ID, "<account>");
}

export type ResolvedIncident = Identifiers & {
  id: string;
  tenant: string;
  sdkName: string | null;
  sdkVersion: string | null;
  apiVersion: string | null;
  appVersion: string | null;
  errorString: string;
  httpStatus: number | null;
  confirmedCause: CauseId;
  resolutionNote: string | null;
  resolvedAt: Date;
  /** Who resolved it, as the timeline names them; null when no resolution event was stored. */
  resolvedBy: string | null;
};

const present = (value: string | null) => (value?.trim() ? value.trim() : undefined);

/** One incident as a field report record; the schema re-checks it, so a bad one never leaves. */
export function fieldReportOf(incident: ResolvedIncident): FieldReport {
  const scrub = (text: string) => scrubText(text, incident);
  const note = present(incident.resolutionNote);
  const day = incident.resolvedAt.toISOString().slice(0, 10);
  return fieldReportSchema.parse({
    sourceUrl: `${INTERNAL_SOURCE_BASE}${encodeURIComponent(incident.id)}`,
    origin: "internal",
    brand: present(incident.tenant) ?? "internal",
    client: present(incident.sdkName),
    errorString: present(scrub(incident.errorString)) ?? "(no error text)",
    context: {
      httpStatus: incident.httpStatus ?? undefined,
      sdkVersion: present(incident.sdkVersion),
      appVersion: present(incident.appVersion),
      apiVersion: present(incident.apiVersion),
    },
    cause: incident.confirmedCause,
    settledBy: `confirmed by ${incident.resolvedBy ?? "the team"} on ${day}${note ? `: ${scrub(note)}` : ""}`,
  });
}

/** Resolved incidents with a confirmed cause (not "other"), oldest resolution first. */
export async function internalFieldReports({ since }: { since?: Date } = {}): Promise<
  FieldReport[]
> {
  const incidents = await db.incident.findMany({
    where: {
      status: "resolved",
      confirmedCause: { in: [...CAUSE_IDS] },
      resolvedAt: since ? { gte: since } : { not: null },
    },
    orderBy: [{ resolvedAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      tenant: true,
      vin: true,
      accountRef: true,
      sdkName: true,
      sdkVersion: true,
      apiVersion: true,
      appVersion: true,
      errorString: true,
      httpStatus: true,
      confirmedCause: true,
      resolutionNote: true,
      resolvedAt: true,
      events: {
        where: { kind: "resolved" },
        orderBy: { id: "desc" },
        take: 1,
        select: { actorLabel: true },
      },
    },
  });
  return incidents.map(({ events, ...incident }) =>
    fieldReportOf({
      ...incident,
      confirmedCause: incident.confirmedCause as CauseId,
      resolvedAt: incident.resolvedAt!,
      resolvedBy: events[0]?.actorLabel ?? null,
    }),
  );
}
