import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseIngestArgs } from "@/lib/cli/ingest";
import { db } from "@/lib/db/client";
import { createIncident } from "@/lib/incidents/store";
import { incidentInputSchema } from "@/lib/incidents/schema";
import { incidentBody, unique } from "@/tests/support/factories";
import { pitstop } from "./support";

const jsonl = (lines: unknown[]) =>
  lines.map((line) => (typeof line === "string" ? line : JSON.stringify(line))).join("\n") + "\n";

describe("pitstop ingest arguments", () => {
  it("names the flag that is wrong and files as the CLI, or as the named reporter through it", () => {
    expect(parseIngestArgs(["--reporter", "  "])).toEqual({
      ok: false,
      errors: ["--reporter: give a name"],
    });
    expect(parseIngestArgs(["--reporter", "x".repeat(101)])).toEqual({
      ok: false,
      errors: ["--reporter: at most 100 characters"],
    });
    expect(parseIngestArgs(["--file"])).toMatchObject({
      ok: false,
      errors: [expect.stringContaining("--file")],
    });
    expect(parseIngestArgs(["extra"])).toMatchObject({
      ok: false,
      errors: [expect.stringContaining("extra")],
    });
    expect(parseIngestArgs([])).toEqual({
      ok: true,
      file: null,
      actor: { kind: "system", label: "pitstop CLI" },
    });
    expect(parseIngestArgs(["--reporter", "Jo Ops"])).toMatchObject({
      ok: true,
      actor: { kind: "system", label: "pitstop CLI (Jo Ops)" },
    });
  });

  it("exits 2 for a file that cannot be read, and files nothing", async () => {
    const before = await db.incident.count();
    const run = await pitstop(["ingest", "--file", "no-such-file.jsonl"], { cwd: tmpdir() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `pitstop ingest: --file: cannot read ${path.join(tmpdir(), "no-such-file.jsonl")}: ENOENT`,
    );
    expect(run.stdout).toBe("");
    expect(await db.incident.count()).toBe(before);
  });
});

describe("pitstop ingest", () => {
  it("files the valid lines from stdin, reports each bad or duplicate line by number and field, and exits 1", async () => {
    const existing = await createIncident(incidentInputSchema.parse(incidentBody()), {
      kind: "system",
      label: "test",
    });
    if (!existing.ok) throw new Error("fixture incident not created");
    const first = incidentBody({ title: "Pairing fails after relink" });
    const second = incidentBody();
    const run = await pitstop(["ingest", "--reporter", "Jo Ops"], {
      stdin: jsonl([
        first,
        { ...incidentBody(), environment: "staging", vin: "short" },
        "{not json",
        "",
        incidentBody({ correlationId: existing.incident.correlationId }),
        second,
        incidentBody({ correlationId: first.correlationId }),
        [1, 2],
      ]),
    });
    expect(run.code, run.stderr).toBe(1);
    expect(JSON.parse(run.stdout.trim().split("\n").at(-1)!)).toEqual({ created: 2, rejected: 5 });
    expect(run.stderr.trim().split("\n")).toEqual([
      "line 2: environment: environment must be sandbox or prod",
      "line 2: vin: vin must be 17 letters and digits, without I, O or Q",
      expect.stringMatching(/^line 3: line: is not valid JSON: /),
      `line 5: correlationId: ${existing.incident.correlationId} is already used by incident ${existing.incident.id}`,
      `line 7: correlationId: ${first.correlationId} repeats line 1`,
      "line 8: line: must be a JSON object (one incident)",
    ]);

    const filed = await db.incident.findMany({
      where: {
        correlationId: { in: [first.correlationId as string, second.correlationId as string] },
      },
      orderBy: { title: "asc" },
    });
    expect(filed.map((incident) => [incident.title, incident.reporterLabel])).toEqual([
      ["Pairing fails after relink", "pitstop CLI (Jo Ops)"],
      ["Remote start never arrived", "pitstop CLI (Jo Ops)"],
    ]);
    const audited = await db.auditEvent.findMany({
      where: { action: "incident.create", entityId: { in: filed.map((incident) => incident.id) } },
    });
    expect(audited.map((event) => [event.actorType, event.actorLabel])).toEqual([
      ["system", "pitstop CLI (Jo Ops)"],
      ["system", "pitstop CLI (Jo Ops)"],
    ]);
  });

  it("reads a file relative to the caller's directory and writes it in batches of at most 500, catching a repeat in a later batch", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), "pitstop-ingest-"));
    const tenant = unique("ingest-tenant");
    const lines = Array.from({ length: 1_201 }, () => incidentBody({ tenant }));
    lines[700] = { ...lines[700], correlationId: lines[2]!.correlationId };
    await writeFile(path.join(folder, "incidents.jsonl"), jsonl(lines));
    const run = await pitstop(["ingest", "--file", "incidents.jsonl"], { cwd: folder });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toBe(`line 701: correlationId: ${lines[2]!.correlationId} repeats line 3\n`);
    expect(run.stdout).toBe('{"created":1200,"rejected":1}\n');
    // Each batch is one transaction stamped with one time, so the stamps count the batches.
    const batches = await db.incident.groupBy({
      by: ["createdAt"],
      where: { tenant },
      _count: true,
      orderBy: { createdAt: "asc" },
    });
    expect(batches.map((batch) => batch._count)).toEqual([500, 499, 201]);
  });

  it("exits 0 with the summary alone when every line is filed", async () => {
    const run = await pitstop(["ingest"], {
      stdin: jsonl([incidentBody(), incidentBody({ environment: "sandbox" })]),
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe('{"created":2,"rejected":0}\n');
  });
});
