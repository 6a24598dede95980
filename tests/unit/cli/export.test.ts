import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { runbookMarkdown } from "@/lib/runbooks/markdown";
import { newRunbookEntrySchema, runbookDraftSchema } from "@/lib/runbooks/schema";
import {
  createRunbookEntry,
  getRunbookEntry,
  reviewRunbookEntry,
  reviseRunbookEntry,
  shownVersion,
  submitRunbookEntry,
  type RunbookWriteResult,
} from "@/lib/runbooks/store";
import { userActor } from "@/tests/support/db-factories";
import { ADMIN_KEY, startSimulatorForFile } from "../simulator/support";
import { pitstop } from "./support";

const harness = startSimulatorForFile();
const EMPTY_WEEK_END = "2001-01-08T00:00:00Z";
const FILES = ["429-bursts.csv", "audit-events.csv", "webhook-failures.csv"];

const ok = (result: RunbookWriteResult) => {
  if (!result.ok) throw new Error(`${result.reason}: ${result.message}`);
  return result.entry;
};

describe("pitstop export weekly", () => {
  it("writes the three CSV files for an empty week header-only into a dated folder under --out, relative to the caller, and prints their paths", async () => {
    const caller = await mkdtemp(path.join(tmpdir(), "pitstop-cli-export-"));
    const run = await pitstop(["export", "weekly", "--out", "exports", "--end", EMPTY_WEEK_END], {
      cwd: caller,
      env: { SIMULATOR_URL: harness.baseUrl, SIMULATOR_ADMIN_KEY: ADMIN_KEY },
    });
    expect(run.code, run.stderr).toBe(0);
    const directory = path.join(caller, "exports", "2001-01-08");
    expect(run.stdout.trim().split("\n").sort()).toEqual(
      FILES.map((file) => path.join(directory, file)),
    );
    expect((await readdir(directory)).sort()).toEqual(FILES);
    for (const file of FILES) {
      const lines = (await readFile(path.join(directory, file), "utf8")).split("\r\n");
      expect(lines, file).toHaveLength(2);
      expect(lines[1], file).toBe("");
    }
    expect(await readFile(path.join(directory, "429-bursts.csv"), "utf8")).toBe(
      "environment,start,end,minutes,probe_429s,incidents_429\r\n",
    );
    const audited = await db.auditEvent.findFirstOrThrow({
      where: { action: "export.weekly", entityId: "2001-01-08T00:00:00.000Z" },
      orderBy: { id: "desc" },
    });
    expect(audited).toMatchObject({ actorType: "system", actorLabel: "pitstop CLI" });
  });

  it("defaults to PITSTOP_WEEKLY_EXPORT_DIR, and with the vendor down writes what it can, names what it could not and exits 1", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), "pitstop-cli-export-"));
    const run = await pitstop(["export", "weekly", "--end", EMPTY_WEEK_END], {
      env: {
        PITSTOP_WEEKLY_EXPORT_DIR: folder,
        SIMULATOR_URL: "http://127.0.0.1:9",
        SIMULATOR_ADMIN_KEY: ADMIN_KEY,
      },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^pitstop export weekly: not written: webhook-failures\.csv: webhook deliveries \(sandbox\) could not be read/,
    );
    expect((await readdir(path.join(folder, "2001-01-08"))).sort()).toEqual([
      "429-bursts.csv",
      "audit-events.csv",
    ]);
  });

  it("exits 2 naming --out when no folder is given or configured, and naming --end when it is not a date-time", async () => {
    const unset = await pitstop(["export", "weekly"], { env: { PITSTOP_WEEKLY_EXPORT_DIR: "" } });
    expect(unset.code).toBe(2);
    expect(unset.stderr).toContain(
      "pitstop export weekly: --out: give a folder (PITSTOP_WEEKLY_EXPORT_DIR is not set)",
    );
    const badEnd = await pitstop(["export", "weekly", "--out", tmpdir(), "--end", "last monday"]);
    expect(badEnd.code).toBe(2);
    expect(badEnd.stderr).toContain("pitstop export weekly: --end: must be an ISO 8601 date-time");
  });
});

describe("pitstop export runbook", () => {
  it("prints the approved version's Markdown by default, another with --version, and writes --out relative to the caller", async () => {
    const sre = await userActor("sre");
    const lead = await userActor("support_lead");
    const draft = {
      title: "Remote start times out",
      causeId: "vehicle_connectivity",
      errorString: "status: 504 command engine_start timed out after 30000ms",
      fixApplied: "Wake the telematics unit first, then retry the command.",
      greenDependencyPin: "@vendor/sdk@4.1.9",
    };
    const created = ok(await createRunbookEntry(newRunbookEntrySchema.parse(draft), sre));
    ok(await submitRunbookEntry(created.id, sre));
    ok(
      await reviewRunbookEntry(
        created.id,
        { decision: "approve", comment: "Checked on a sandbox car" },
        lead,
      ),
    );
    ok(
      await reviseRunbookEntry(
        created.id,
        runbookDraftSchema.parse({ ...draft, title: "Remote start times out (v2)" }),
        1,
        sre,
      ),
    );
    const entry = (await getRunbookEntry(created.id))!;

    const approved = await pitstop(["export", "runbook", entry.id]);
    expect(approved.code, approved.stderr).toBe(0);
    expect(approved.stdout).toBe(runbookMarkdown(entry, shownVersion(entry)!, entry.reviews));
    expect(approved.stdout).toContain("Remote start times out");
    expect(approved.stdout).not.toContain("(v2)");

    const caller = await mkdtemp(path.join(tmpdir(), "pitstop-cli-runbook-"));
    const second = await pitstop(
      ["export", "runbook", entry.id, "--version", "2", "--out", "entry.md"],
      { cwd: caller },
    );
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout.trim()).toBe(path.join(caller, "entry.md"));
    expect(await readFile(path.join(caller, "entry.md"), "utf8")).toBe(
      runbookMarkdown(entry, shownVersion(entry, 2)!, entry.reviews),
    );
  });

  it("exits 1 with a clear message for an unknown id or version, and 2 without an id", async () => {
    const unknown = await pitstop(["export", "runbook", "no-such-entry"]);
    expect(unknown).toMatchObject({ code: 1, stdout: "" });
    expect(unknown.stderr).toBe(
      "pitstop export runbook: no runbook entry has the id no-such-entry\n",
    );
    const sre = await userActor("sre");
    const entry = ok(
      await createRunbookEntry(
        newRunbookEntrySchema.parse({
          title: "t",
          causeId: "server_outage",
          errorString: "503",
          fixApplied: "waited",
        }),
        sre,
      ),
    );
    const noVersion = await pitstop(["export", "runbook", entry.id, "--version", "3"]);
    expect(noVersion).toMatchObject({ code: 1, stdout: "" });
    expect(noVersion.stderr).toBe(
      `pitstop export runbook: --version: entry ${entry.id} has versions 1 to 1, not 3\n`,
    );
    const missing = await pitstop(["export", "runbook"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("pitstop export runbook: ID: give the entry's id");
  });
});
