import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db, Prisma } from "@/lib/db/client";
import {
  ftsQuery,
  incidentTextMatch,
  onPostgres,
  runbookTextSearch,
  tsQuery,
} from "@/lib/db/dialect";
import { incidentListQuerySchema } from "@/lib/incidents/list-query";
import { incidentInputSchema } from "@/lib/incidents/schema";
import { createIncident, listIncidents } from "@/lib/incidents/store";
import { listRunbookEntries } from "@/lib/runbooks/search";
import { incidentBody } from "@/tests/support/factories";
import { approvedRunbookEntry, userActor } from "@/tests/support/db-factories";

/** A word of letters only, found in nothing else the tests write. */
// Letters only, 34 of them: a UUID's digits become the letters g to p, so the word (and the
// prefix the test cuts from it) never shrinks to a few letters other tests' words share.
const rareWord = () =>
  `zq${randomUUID()
    .replace(/-/g, "")
    .replace(/\d/g, (digit) => "ghijklmnop"[Number(digit)]!)}`;

describe("search queries built from a person's text", () => {
  it("become FTS5 prefix terms on SQLite and tsquery prefix terms on PostgreSQL, all required", () => {
    expect(ftsQuery('rate "limit" OR *')).toBe('"rate"* "limit"* "OR"*');
    expect(tsQuery(["rate", "limit", "OR"])).toBe("rate:* & limit:* & OR:*");
  });

  it("keep a word's parts in order where the documents are cut at '_', as FTS5's phrases do", () => {
    expect(tsQuery(["remote_start", "401"])).toBe("(remote <-> start:*) & 401:*");
    expect(tsQuery(["quota", "remote_start"], { join: "|", prefix: false })).toBe(
      "quota | (remote <-> start)",
    );
  });

  it("have nothing to search for when the text has no letters or digits", () => {
    expect(ftsQuery("  ** ")).toBeNull();
    expect(tsQuery([])).toBeNull();
  });
});

describe("full-text search on the test database", () => {
  it("finds an incident by any word of a host name, a prefix, or a word with accents written with or without them", async () => {
    const sre = await userActor("sre");
    const word = rareWord();
    const created = await createIncident(
      incidentInputSchema.parse(
        incidentBody({ title: `Pairing fails at api.${word}.example.com for Ünïcode-Car` }),
      ),
      sre,
    );
    if (!created.ok) throw new Error("incident not created");
    const search = async (q: string) =>
      (await listIncidents(incidentListQuerySchema.parse({ q }))).rows.map((row) => row.id);
    expect(await search(word)).toEqual([created.incident.id]);
    expect(await search(word.slice(0, -3))).toEqual([created.incident.id]);
    expect(await search(`ünïcode ${word}`)).toEqual([created.incident.id]);
    expect(await search(`unicode ${word}`)).toEqual([created.incident.id]);
    expect(await search(`${word} absentword`)).toEqual([]);
  });

  it("finds the runbook entries having every word, whichever order bm25 or ts_rank gives them", async () => {
    const word = rareWord();
    const both = await approvedRunbookEntry(`Quota ${word}`, `HTTP 429 quota exceeded ${word}`);
    const alsoBoth = await approvedRunbookEntry(`Throttled ${word}`, `quota reached ${word}`);
    const one = await approvedRunbookEntry(`Timeout ${word}`, `vehicle asleep ${word}`);

    const found = await listRunbookEntries({ q: `${word} quota` });
    expect(new Set(found.map((entry) => entry.id))).toEqual(new Set([both, alsoBoth]));
    const any = await listRunbookEntries({ q: word });
    expect(new Set(any.map((entry) => entry.id))).toEqual(new Set([both, alsoBoth, one]));
  });

  it("finds a runbook entry by a word with accents written without them", async () => {
    const word = rareWord();
    const entry = await approvedRunbookEntry(`Télématique ${word}`, `délai dépassé ${word}`);
    expect((await listRunbookEntries({ q: `telematique ${word}` })).map((e) => e.id)).toEqual([
      entry,
    ]);
  });
});

describe.runIf(onPostgres())("PostgreSQL's search indexes", () => {
  // The planner uses an expression index only for the identical expression: these fail when
  // lib/db/dialect.ts and the migration that made the indexes drift apart. Every other way to
  // reach the rows is priced out, since on a few rows probing them one by one costs less.
  const plan = (query: Prisma.Sql) =>
    db.$transaction(async (tx) => {
      for (const setting of ["seqscan", "indexscan", "indexonlyscan", "nestloop"]) {
        await tx.$executeRawUnsafe(`SET LOCAL enable_${setting} = off`);
      }
      const rows = await tx.$queryRaw<Array<Record<string, string>>>`EXPLAIN ${query}`;
      return rows.map((row) => Object.values(row).join(" ")).join("\n");
    });

  it("serve the incident search", async () => {
    const match = incidentTextMatch("i", "pairing", { membership: false })!;
    expect(await plan(Prisma.sql`SELECT i.id FROM "Incident" i WHERE ${match}`)).toContain(
      "Incident_search_idx",
    );
  });

  it("serve the runbook list's search and the suggestions' search", async () => {
    const all = runbookTextSearch("e", ["quota"], { mode: "all" })!;
    expect(await plan(Prisma.sql`SELECT e.id FROM "RunbookEntry" e ${all.join}`)).toContain(
      "RunbookVersion_search_idx",
    );
    const any = runbookTextSearch("e", ["quota", "exceeded"], { mode: "any", limit: 20 })!;
    expect(await plan(Prisma.sql`SELECT e.id FROM "RunbookEntry" e ${any.join}`)).toContain(
      "RunbookVersion_signature_search_idx",
    );
  });
});
