// Training on the team's history: npm run train:classifier -- --internal DIR adds the team's
// exported incidents to the public corpus; the public corpus, which the bench's accuracy
// figures read, stays exactly what it was.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  FIELD_REPORTS_DIR,
  FieldReportError,
  loadFieldReports,
  type FieldReport,
} from "@/lib/diagnosis/field-report";
import { trainingCorpus } from "@/lib/diagnosis/learned/corpus";
import { DEFAULT_OPTIONS, exampleOf, fitClassifier } from "@/lib/diagnosis/learned/train";

const internalReport = (id: string, errorString: string): FieldReport => ({
  sourceUrl: `https://pitstop.invalid/incidents/${id}`,
  origin: "internal",
  brand: "fleetco",
  errorString,
  context: { httpStatus: 503 },
  cause: "server_outage",
  settledBy: "confirmed by Sam Rivera on 2026-11-20: the vendor's gateway was down",
});

const folder = mkdtempSync(path.join(tmpdir(), "pitstop-internal-"));
afterAll(() => rmSync(folder, { recursive: true }));
writeFileSync(
  path.join(folder, "pitstop-internal.jsonl"),
  [
    internalReport("team-1", "GW-77 upstream gateway unavailable, please retry"),
    internalReport("team-2", "GW-77 gateway unavailable on vehicle status"),
  ]
    .map((report) => JSON.stringify(report))
    .join("\n") + "\n",
);

describe("trainingCorpus", () => {
  it("is the public corpus alone unless a team's folder is named", () => {
    const corpus = trainingCorpus();
    expect(corpus.internal).toEqual([]);
    expect(corpus.public).toEqual(loadFieldReports(FIELD_REPORTS_DIR));
  });

  it("adds the team's internal reports beside an unchanged public corpus, and the model trains on both", () => {
    const corpus = trainingCorpus(folder);
    expect(corpus.public).toEqual(trainingCorpus().public);
    expect(corpus.internal.map((report) => report.sourceUrl)).toEqual([
      "https://pitstop.invalid/incidents/team-1",
      "https://pitstop.invalid/incidents/team-2",
    ]);
    const model = fitClassifier(
      [...corpus.public, ...corpus.internal].map((report) => exampleOf(report)),
      { ...DEFAULT_OPTIONS, learner: "knn", innerFolds: 2 },
    );
    expect(model.reports).toHaveLength(corpus.public.length + 2);
    expect(model.reports.map((report) => report.sourceUrl)).toContain(
      "https://pitstop.invalid/incidents/team-2",
    );
  });

  it("refuses the public corpus named as the team's folder", () => {
    expect(() => trainingCorpus(FIELD_REPORTS_DIR)).toThrow(FieldReportError);
  });
});
