import { describe, expect, it } from "vitest";
import { incidentSignature } from "@/lib/incidents/signature";
import { newRunbookEntrySchema } from "@/lib/runbooks/schema";
import { createRunbookEntry } from "@/lib/runbooks/store";
import {
  rankSuggestions,
  signatureSimilarity,
  suggestionsForIncident,
  type SuggestionCandidate,
} from "@/lib/runbooks/suggestions";
import { unique } from "@/tests/support/factories";
import { approvedRunbookEntry, userActor } from "@/tests/support/db-factories";

const candidate = (entryId: string, errorString: string): SuggestionCandidate => ({
  entryId,
  title: entryId,
  causeId: "rate_limited",
  signature: incidentSignature(errorString),
  errorString,
  fixApplied: "fix",
  approvedVersion: 1,
});

describe("runbook suggestions", () => {
  it("measures signature similarity as token cosine: 1 for equal, 0 for disjoint", () => {
    expect(signatureSimilarity("http 429 quota exceeded", "http 429 quota exceeded")).toBeCloseTo(
      1,
    );
    expect(signatureSimilarity("http 429 quota exceeded", "vin not linked")).toBe(0);
    expect(
      signatureSimilarity("http 429 quota exceeded for <id>", "http 429 quota exceeded"),
    ).toBeGreaterThan(0.8);
  });

  it("puts the same signature first, then more similar text, drops weak matches and caps the list", () => {
    const incident = incidentSignature(
      "HTTP 429 quota exceeded for tenant fleetco, retry after 30s",
    );
    const ranked = rankSuggestions(incident, [
      candidate("close", "HTTP 429 quota exceeded for tenant drivewise"),
      candidate("same", "HTTP 429 quota exceeded for tenant fleetco, retry after 12s"),
      candidate("far", "vehicle not linked to account"),
      candidate("near", "HTTP 429 quota exceeded"),
      candidate("same", "HTTP 429 quota exceeded for tenant fleetco, retry after 12s"),
    ]);
    expect(ranked.map((suggestion) => suggestion.entryId)).toEqual(["same", "close", "near"]);
    expect(ranked[0]).toMatchObject({ match: "signature", matchLabel: "same signature" });
    expect(ranked[1]!.matchLabel).toMatch(/^error text \d+% similar$/);
    expect(ranked[1]!.similarity).toBeGreaterThan(ranked[2]!.similarity);
    const many = Array.from({ length: 9 }, (_, n) => candidate(`c${n}`, "HTTP 429 quota exceeded"));
    expect(rankSuggestions(incident, many, 5)).toHaveLength(5);
  });

  it("finds approved entries for an incident by signature and by error text, not drafts", async () => {
    const code = unique("QX").replace(/\W/g, "").toLowerCase();
    const exactText = `Quota ${code} exceeded for account acct-991, retry after 30s`;
    const exact = await approvedRunbookEntry("Exact", exactText);
    const similar = await approvedRunbookEntry(
      "Similar",
      `Quota ${code} exceeded for this account`,
    );
    const sre = await userActor("sre");
    await createRunbookEntry(
      newRunbookEntrySchema.parse({
        title: "Draft",
        causeId: "rate_limited",
        errorString: exactText,
        fixApplied: "x",
      }),
      sre,
    );
    const incidentText = `Quota ${code} exceeded for account acct-123, retry after 45s`;
    const suggestions = await suggestionsForIncident({
      signature: incidentSignature(incidentText),
      errorString: incidentText,
    });
    expect(suggestions.map((suggestion) => [suggestion.entryId, suggestion.match])).toEqual([
      [exact, "signature"],
      [similar, "text"],
    ]);
  });
});
