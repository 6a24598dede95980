import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  FIELD_REPORTS_DIR,
  FieldReportError,
  isInsidePublicCorpus,
  loadFieldReports,
  threadOf,
  type FieldReport,
} from "@/lib/diagnosis/field-report";
import { CAUSE_IDS, type CauseId } from "@/lib/diagnosis/taxonomy";

const fieldReport = (overrides: Partial<FieldReport> = {}): FieldReport => ({
  sourceUrl: "https://github.com/example/client/issues/1",
  origin: "thread",
  brand: "Toyota",
  client: "example-client",
  errorString: "Request Failed. 429, Too Many Requests",
  context: { httpStatus: 429, notes: "Started after polling every minute." },
  cause: "rate_limited",
  settledBy: "The maintainer lowered the polling rate and the errors stopped.",
  ...overrides,
});

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true });
});

function corpusOf(files: Record<string, unknown[]>): string {
  const directory = mkdtempSync(path.join(tmpdir(), "field-reports-"));
  directories.push(directory);
  for (const [name, records] of Object.entries(files))
    writeFileSync(
      path.join(directory, name),
      records.map((record) => JSON.stringify(record)).join("\n") + "\n",
    );
  return directory;
}

describe("the committed field-report corpus", () => {
  const reports = loadFieldReports(FIELD_REPORTS_DIR);
  const threadsPer = (cause: CauseId) =>
    new Set(reports.filter((report) => report.cause === cause).map((r) => threadOf(r.sourceUrl)))
      .size;

  it("validates every record and holds at least 400 of them from at least 12 brands", () => {
    expect(reports.length).toBeGreaterThanOrEqual(400);
    expect(new Set(reports.map((report) => report.brand)).size).toBeGreaterThanOrEqual(12);
  });

  it("takes at most 20 % of its records from vendors' own documentation", () => {
    const fromDocs = reports.filter((report) => report.origin === "vendor-docs").length;
    expect(fromDocs / reports.length).toBeLessThanOrEqual(0.2);
  });

  // Issue 11's floors: 25 threads per cause, 15 where settled cases are rarer.
  const FLOORS: Record<CauseId, number> = {
    subscription_inactive: 25,
    account_auth: 25,
    missing_scope: 25,
    vehicle_not_linked: 25,
    app_version: 25,
    vehicle_connectivity: 25,
    phone_network: 15,
    server_outage: 25,
    rate_limited: 25,
    region_unavailable: 15,
  };
  it.each(CAUSE_IDS)("has enough distinct threads for %s", (cause) => {
    expect(threadsPer(cause)).toBeGreaterThanOrEqual(FLOORS[cause]);
  });
});

describe("loadFieldReports", () => {
  it("refuses a thread reported twice, naming both places", () => {
    const directory = corpusOf({
      "a.jsonl": [fieldReport()],
      "b.jsonl": [
        fieldReport({ brand: "Lexus", sourceUrl: "https://github.com/example/client/issues/3" }),
        fieldReport({ sourceUrl: "https://github.com/example/client/issues/1/#issuecomment-9" }),
      ],
    });
    expect(() => loadFieldReports(directory)).toThrow(
      /b\.jsonl:2: thread https:\/\/github\.com\/example\/client\/issues\/1 is already reported at a\.jsonl:1/,
    );
  });

  it("counts comment anchors and queries of one thread as that thread", () => {
    expect(threadOf("https://github.com/o/r/issues/7?page=2#issuecomment-1")).toBe(
      threadOf("https://github.com/o/r/issues/7/"),
    );
  });

  it("refuses a record that breaks the schema, naming file, line and field", () => {
    const directory = corpusOf({
      "toyota.jsonl": [
        fieldReport(),
        fieldReport({
          sourceUrl: "https://github.com/example/client/issues/2",
          cause: "gremlins" as CauseId,
        }),
      ],
    });
    expect(() => loadFieldReports(directory)).toThrow(FieldReportError);
    expect(() => loadFieldReports(directory)).toThrow(/^toyota\.jsonl:2: cause: /);
  });

  it("refuses unknown fields, so a typo cannot hide a value", () => {
    const directory = corpusOf({
      "x.jsonl": [{ ...fieldReport(), context: { httpStatus: 429, note: "typo" } }],
    });
    expect(() => loadFieldReports(directory)).toThrow(/x\.jsonl:1: context: /);
  });

  it("refuses a line that is not JSON", () => {
    const directory = mkdtempSync(path.join(tmpdir(), "field-reports-"));
    directories.push(directory);
    writeFileSync(path.join(directory, "bad.jsonl"), `${JSON.stringify(fieldReport())}\n{oops\n`);
    expect(() => loadFieldReports(directory)).toThrow(/bad\.jsonl:2: not valid JSON/);
  });
});

describe("internal field reports", () => {
  const internal = (overrides: Partial<FieldReport> = {}) =>
    fieldReport({
      sourceUrl: "https://pitstop.invalid/incidents/abc",
      origin: "internal",
      brand: "fleetco",
      settledBy: "confirmed by Sam Rivera on 2026-11-20: backed off polling",
      ...overrides,
    });

  it("are refused in the public corpus, naming the line", () => {
    const directory = corpusOf({ "toyota.jsonl": [fieldReport(), internal()] });
    expect(() => loadFieldReports(directory)).toThrow(
      /^toyota\.jsonl:2: origin: "internal" records belong in the team's own folder/,
    );
  });

  it("are what a team's folder holds, and only them", () => {
    const directory = corpusOf({ "pitstop-internal.jsonl": [internal()] });
    expect(loadFieldReports(directory, "internal").map((report) => report.origin)).toEqual([
      "internal",
    ]);
    const mixed = corpusOf({ "pitstop-internal.jsonl": [internal(), fieldReport()] });
    expect(() => loadFieldReports(mixed, "internal")).toThrow(
      /^pitstop-internal\.jsonl:2: origin: "thread" is a public source/,
    );
  });

  it("never read the public corpus as a team's folder", () => {
    expect(() => loadFieldReports(FIELD_REPORTS_DIR, "internal")).toThrow(/is the public corpus/);
    expect(isInsidePublicCorpus(path.join(FIELD_REPORTS_DIR, "team"))).toBe(true);
    expect(isInsidePublicCorpus(path.join(FIELD_REPORTS_DIR, "..", "field-reports-team"))).toBe(
      false,
    );
  });
});
