// `pitstop export field-reports`: the team's resolved incidents as internal field reports,
// scrubbed, into a folder of the team's choosing and never into the public corpus.
import { existsSync } from "node:fs";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import {
  FIELD_REPORTS_DIR,
  FieldReportError,
  loadFieldReports,
  type FieldReport,
} from "@/lib/diagnosis/field-report";
import { recordIncidentEvent } from "@/lib/incidents/events";
import { INTERNAL_SOURCE_BASE, scrubText } from "@/lib/incidents/field-report-export";
import { userActor } from "@/tests/support/db-factories";
import { unique } from "@/tests/support/factories";
import { pitstop } from "./support";

const VIN = "JTMBFREVXRD100001";
const ACCOUNT = "ava.active@example.com";
const TOKEN = `ghp_${"a1B2c3D4e5".repeat(3)}abcdef`;

type Seed = {
  resolvedAt: string;
  confirmedCause: string | null;
  errorString?: string;
  resolutionNote?: string;
  resolvedBy?: boolean;
};

async function resolvedIncident(seed: Seed) {
  const resolver = await userActor("sre");
  const resolvedAt = new Date(seed.resolvedAt);
  return db.$transaction(async (tx) => {
    const incident = await tx.incident.create({
      data: {
        correlationId: unique("export"),
        title: "Export fixture",
        environment: "prod",
        tenant: "fleetco",
        vin: VIN,
        accountRef: ACCOUNT,
        sdkName: "toyota-connected-sdk",
        sdkVersion: "4.2.1",
        errorString:
          seed.errorString ??
          `HTTP 429 for ${VIN} (account ${ACCOUNT}, acct-1042) with token ${TOKEN}`,
        httpStatus: 429,
        signature: "sig-export",
        occurredAt: new Date(resolvedAt.getTime() - 3_600_000),
        severity: "sev3",
        status: "resolved",
        resolvedAt,
        likelyCause: "rate_limited",
        initialCause: "rate_limited",
        confirmedCause: seed.confirmedCause,
        resolutionNote: seed.resolutionNote ?? `Backed off polling for ${VIN}; rotated ${TOKEN}.`,
        reporterLabel: "test",
      },
    });
    if (seed.resolvedBy !== false)
      await recordIncidentEvent(tx, resolver, {
        incidentId: incident.id,
        kind: "resolved",
        at: resolvedAt,
      });
    return { incident, resolver };
  });
}

const sourceOf = (id: string) => `${INTERNAL_SOURCE_BASE}${id}`;

describe("scrubText", () => {
  it("masks secrets and replaces VINs and account references, known or not", () => {
    const text = scrubText(
      `VIN ${VIN} and 1HGCM82633A004352, ${ACCOUNT}, bob@fleet.example, acct-1042, accountId: 8812, customer #77 with ${TOKEN}`,
      { vin: VIN, accountRef: ACCOUNT },
    );
    expect(text).toBe(
      "VIN <vin> and <vin>, <account>, <account>, <account>, accountId: <account>, <account> with ****cdef",
    );
    expect(scrubText("account_auth failed for ava-7", { vin: null, accountRef: "ava-7" })).toBe(
      "account_auth failed for <account>",
    );
    expect(scrubText("Bob's car: bo refused", { vin: null, accountRef: "bo" })).toBe(
      "Bob's car: <account> refused",
    );
  });
});

describe("pitstop export field-reports", () => {
  let exported: { incident: { id: string }; resolver: { label: string } };
  let unnamed: { incident: { id: string } };
  const left: string[] = [];

  beforeAll(async () => {
    exported = await resolvedIncident({
      resolvedAt: "2016-08-10T09:00:00Z",
      confirmedCause: "rate_limited",
    });
    unnamed = await resolvedIncident({
      resolvedAt: "2016-08-11T09:00:00Z",
      confirmedCause: "account_auth",
      resolvedBy: false,
      resolutionNote: " ",
    });
    for (const seed of [
      { resolvedAt: "2016-08-10T10:00:00Z", confirmedCause: "other" },
      { resolvedAt: "2016-08-10T11:00:00Z", confirmedCause: null },
      { resolvedAt: "2016-08-01T00:00:00Z", confirmedCause: "rate_limited" },
    ])
      left.push((await resolvedIncident(seed)).incident.id);
  });

  async function exportTo(args: string[]) {
    const caller = await mkdtemp(path.join(tmpdir(), "pitstop-cli-field-reports-"));
    const run = await pitstop(["export", "field-reports", ...args], { cwd: caller });
    return { caller, run };
  }

  it("writes resolved incidents with a confirmed cause as scrubbed internal field reports the loader reads back", async () => {
    const { caller, run } = await exportTo(["--out", "team", "--since", "2016-08-05"]);
    expect(run.code, run.stderr).toBe(0);
    const file = path.join(caller, "team", "pitstop-internal.jsonl");
    expect(run.stdout.trim()).toBe(file);
    const text = await readFile(file, "utf8");
    expect(text).not.toContain(VIN);
    expect(text).not.toContain(ACCOUNT);
    expect(text).not.toContain("acct-1042");
    expect(text).not.toContain(TOKEN);

    const records = text
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as FieldReport);
    const bySource = new Map(records.map((record) => [record.sourceUrl, record]));
    expect(bySource.get(sourceOf(exported.incident.id))).toEqual({
      sourceUrl: sourceOf(exported.incident.id),
      origin: "internal",
      brand: "fleetco",
      client: "toyota-connected-sdk",
      errorString: "HTTP 429 for <vin> (account <account>, <account>) with token ****cdef",
      context: { httpStatus: 429, sdkVersion: "4.2.1" },
      cause: "rate_limited",
      settledBy: `confirmed by ${exported.resolver.label} on 2016-08-10: Backed off polling for <vin>; rotated ****cdef.`,
    });
    expect(bySource.get(sourceOf(unnamed.incident.id))?.settledBy).toBe(
      "confirmed by the team on 2016-08-11",
    );
    // "other", no confirmed cause, and resolved before --since: not exported.
    for (const id of left) expect(bySource.has(sourceOf(id)), id).toBe(false);
    expect(records.every((record) => record.origin === "internal")).toBe(true);

    const loaded = loadFieldReports(path.join(caller, "team"), "internal");
    expect(loaded.map((report) => report.sourceUrl)).toEqual(records.map((r) => r.sourceUrl));
    expect(() => loadFieldReports(path.join(caller, "team"))).toThrow(FieldReportError);
  });

  it("refuses the public corpus as --out, with a clear message, writing nothing there", async () => {
    for (const out of [FIELD_REPORTS_DIR, path.join(FIELD_REPORTS_DIR, "team")]) {
      const { run } = await exportTo(["--out", out]);
      expect(run.code, out).toBe(2);
      expect(run.stderr).toContain(
        "pitstop export field-reports: --out: must not be the public corpus (lib/diagnosis/field-reports)",
      );
    }
    expect(existsSync(path.join(FIELD_REPORTS_DIR, "pitstop-internal.jsonl"))).toBe(false);
    expect(existsSync(path.join(FIELD_REPORTS_DIR, "team"))).toBe(false);
  });

  it("refuses bad arguments naming the flag", async () => {
    const noFolder = await exportTo([]);
    expect(noFolder.run.code).toBe(2);
    expect(noFolder.run.stderr).toContain("--out: give a folder for the team's field reports");
    const badDay = await exportTo(["--out", "team", "--since", "2026-02-30"]);
    expect(badDay.run.code).toBe(2);
    expect(badDay.run.stderr).toContain("--since: must be a real date like 2026-11-01");
  });
});
