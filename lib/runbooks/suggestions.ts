import "server-only";
// Which approved runbook entries an incident should show first: the same signature is the
// strongest match; otherwise entries whose approved error text is like the incident's. Full-text
// search (bm25 on SQLite, ts_rank on PostgreSQL) picks the candidates, and a token similarity between signatures says how alike.
import { db, Prisma } from "@/lib/db/client";
import { runbookTextSearch } from "@/lib/db/dialect";
import type { CauseId } from "@/lib/diagnosis/taxonomy";
import { incidentSignature } from "@/lib/incidents/signature";

export const MAX_SUGGESTIONS = 5;
/** Below this the texts share little beyond boilerplate such as "error" or "request". */
export const MIN_TEXT_SIMILARITY = 0.35;
const FTS_CANDIDATES = 20;
const MAX_QUERY_TERMS = 24;

export type SuggestionCandidate = {
  entryId: string;
  title: string;
  causeId: CauseId;
  signature: string;
  errorString: string;
  fixApplied: string;
  approvedVersion: number;
};

export type RunbookSuggestion = SuggestionCandidate & {
  match: "signature" | "text";
  /** 1 for the same signature, else the cosine similarity of the two signatures' tokens. */
  similarity: number;
  /** How well it matches, for people: "same signature" or "error text 72% similar". */
  matchLabel: string;
};

// Placeholders ("<n>", "<uuid>") count as tokens: two errors with a UUID in the same place are alike.
const tokensOf = (signature: string) => signature.match(/<\w+>|[\p{L}\p{N}_]+/gu) ?? [];

/** Cosine similarity of two signatures' token counts, 0..1. */
export function signatureSimilarity(a: string, b: string): number {
  const count = (tokens: string[]) =>
    tokens.reduce(
      (map, token) => map.set(token, (map.get(token) ?? 0) + 1),
      new Map<string, number>(),
    );
  const left = count(tokensOf(a));
  const right = count(tokensOf(b));
  let dot = 0;
  for (const [token, n] of left) dot += n * (right.get(token) ?? 0);
  const norm = (map: Map<string, number>) =>
    Math.sqrt([...map.values()].reduce((sum, n) => sum + n * n, 0));
  const denominator = norm(left) * norm(right);
  return denominator === 0 ? 0 : dot / denominator;
}

/** Orders candidates for an incident's signature: same signature first, then by similarity; capped. */
export function rankSuggestions(
  signature: string,
  candidates: SuggestionCandidate[],
  limit = MAX_SUGGESTIONS,
): RunbookSuggestion[] {
  const seen = new Set<string>();
  const ranked: RunbookSuggestion[] = [];
  for (const candidate of candidates) {
    if (seen.has(candidate.entryId)) continue;
    seen.add(candidate.entryId);
    if (candidate.signature === signature) {
      ranked.push({
        ...candidate,
        match: "signature",
        similarity: 1,
        matchLabel: "same signature",
      });
      continue;
    }
    const similarity = signatureSimilarity(signature, incidentSignature(candidate.errorString));
    if (similarity < MIN_TEXT_SIMILARITY) continue;
    ranked.push({
      ...candidate,
      match: "text",
      similarity,
      matchLabel: `error text ${Math.round(similarity * 100)}% similar`,
    });
  }
  return ranked
    .sort(
      (a, b) =>
        Number(b.match === "signature") - Number(a.match === "signature") ||
        b.similarity - a.similarity ||
        a.title.localeCompare(b.title),
    )
    .slice(0, limit);
}

// Any of the incident's words may match; the ranking then favours entries sharing more of them
// (bm25 also the rarer ones).
function incidentWords(errorString: string): string[] {
  return [...new Set(incidentSignature(errorString).match(/[\p{L}\p{N}_]{2,}/gu) ?? [])].slice(
    0,
    MAX_QUERY_TERMS,
  );
}

type RawCandidate = Omit<SuggestionCandidate, "approvedVersion" | "causeId"> & {
  causeId: string;
  approvedVersion: bigint | number;
};

const APPROVED = Prisma.sql`SELECT e.id AS "entryId", v.title, v."causeId", v.signature, v."errorString", v."fixApplied", e."approvedVersion"
  FROM "RunbookEntry" e JOIN "RunbookVersion" v ON v."entryId" = e.id AND v.version = e."approvedVersion"`;

/** Approved entries for an incident, best first. */
export async function suggestionsForIncident(incident: {
  signature: string;
  errorString: string;
}): Promise<RunbookSuggestion[]> {
  const match = runbookTextSearch("e", incidentWords(incident.errorString), {
    mode: "any",
    limit: FTS_CANDIDATES,
  });
  const [sameSignature, byText] = await Promise.all([
    db.$queryRaw<
      RawCandidate[]
    >`${APPROVED} WHERE v.signature = ${incident.signature} ORDER BY e."updatedAt" DESC LIMIT ${MAX_SUGGESTIONS}`,
    match
      ? db.$queryRaw<RawCandidate[]>`${APPROVED} ${match.join} ORDER BY ${match.rank}`
      : Promise.resolve([]),
  ]);
  const candidates = [...sameSignature, ...byText].map((row) => ({
    ...row,
    causeId: row.causeId as CauseId,
    approvedVersion: Number(row.approvedVersion),
  }));
  return rankSuggestions(incident.signature, candidates);
}
