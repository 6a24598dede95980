import { describe, expect, it } from "vitest";
import { DbSoakSink } from "@/lib/load/db-sink";
import { csvField, SOAK_CSV_COLUMNS, soakSamplesCsv, soakSummaryDocument } from "@/lib/load/export";
import { createSoakRun, getSoakRun } from "@/lib/load/store";
import { sample, soakPlan, system } from "./soak-factories";

async function readAll(
  stream: ReadableStream<Uint8Array>,
): Promise<{ text: string; chunks: number }> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let chunks = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return { text: text + decoder.decode(), chunks };
    text += decoder.decode(value, { stream: true });
    chunks++;
  }
}

/** A minimal RFC 4180 reader, enough to check that what we write parses back to the values. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quoted && char === '"' && text[index + 1] === '"') {
      field += '"';
      index++;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (!quoted && char === ",") {
      row.push(field);
      field = "";
    } else if (!quoted && char === "\r" && text[index + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      index++;
    } else {
      field += char;
    }
  }
  return rows;
}

describe("soak CSV export", () => {
  it("writes the header row alone for a run with no samples", async () => {
    const run = await createSoakRun(system, soakPlan(), "app");
    const { text } = await readAll(soakSamplesCsv(run.id));
    expect(text).toBe(`${SOAK_CSV_COLUMNS.join(",")}\r\n`);
  });

  it("streams every sample in pages, in the order written, with its fields", async () => {
    const run = await createSoakRun(system, soakPlan(), "app");
    const sink = new DbSoakSink(run.id);
    const base = Date.parse("2026-11-24T10:00:00.000Z");
    const samples = Array.from({ length: 25 }, (_, n) =>
      sample({ sentAt: base + n * 10, step: Math.floor(n / 10), correlationId: `c-${n}` }),
    );
    // Three batches, so three stored chunks of 10, 10 and 5 samples.
    for (const start of [0, 10, 20])
      await sink.write({ samples: samples.slice(start, start + 10), seconds: [] });
    await sink.write({
      samples: [
        sample({
          sentAt: base + 500,
          status: 0,
          latencyMs: 5000,
          correlationId: "",
          rateLimitRemaining: null,
          rateLimitReset: null,
          errorKind: "timeout",
          attempt: 2,
        }),
      ],
      seconds: [],
    });

    const { text, chunks } = await readAll(soakSamplesCsv(run.id, 2));
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([...SOAK_CSV_COLUMNS]);
    expect(rows).toHaveLength(1 + 26);
    // header + a page of two chunks (20 samples) + a page of two (6): one page at a time.
    expect(chunks).toBe(3);
    expect(rows[1]).toEqual([
      "2026-11-24T10:00:00.000Z",
      "0",
      "1",
      "200",
      "12.5",
      "c-0",
      "99",
      "",
      "1",
      "",
    ]);
    expect(rows[25]![5]).toBe("c-24");
    expect(rows[26]).toEqual([
      "2026-11-24T10:00:00.500Z",
      "0",
      "2",
      "0",
      "5000",
      "",
      "",
      "",
      "",
      "timeout",
    ]);
  });

  it("reads the next page only when the reader asks for it", async () => {
    const run = await createSoakRun(system, soakPlan(), "app");
    for (const batch of [0, 1, 2])
      await new DbSoakSink(run.id).write({
        samples: Array.from({ length: 10 }, (_, n) =>
          sample({ correlationId: `lazy-${batch}-${n}` }),
        ),
        seconds: [],
      });
    const reader = soakSamplesCsv(run.id, 1).getReader();
    await reader.read();
    const first = new TextDecoder().decode((await reader.read()).value);
    // Samples written after the first page was read still appear: later pages were not prefetched.
    await new DbSoakSink(run.id).write({
      samples: [sample({ correlationId: "late-arrival" })],
      seconds: [],
    });
    let rest = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
      rest += new TextDecoder().decode(chunk.value);
    expect(first.split("\r\n").filter(Boolean)).toHaveLength(10);
    expect(rest).toContain("late-arrival");
  });

  it("escapes quotes, commas and line breaks, and defuses formula-like text", () => {
    expect(csvField('a "quoted", value')).toBe('"a ""quoted"", value"');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("-1+2")).toBe("'-1+2");
    expect(csvField(null)).toBe("");
    expect(csvField(-3)).toBe("-3");
    expect(csvField(Number.NaN)).toBe("");
  });

  it("round-trips a hostile correlation id through the stream", async () => {
    const run = await createSoakRun(system, soakPlan(), "app");
    await new DbSoakSink(run.id).write({
      samples: [sample({ correlationId: 'x","y\r\nz' })],
      seconds: [],
    });
    const rows = parseCsv((await readAll(soakSamplesCsv(run.id))).text);
    expect(rows).toHaveLength(2);
    expect(rows[1]![5]).toBe('x","y\r\nz');
  });
});

describe("soak summary document", () => {
  it("carries the plan with credential hints and never the secrets", async () => {
    const plan = soakPlan();
    const created = await createSoakRun(system, plan, "app");
    const document = soakSummaryDocument((await getSoakRun(created.id))!);
    const text = JSON.stringify(document);
    expect(text).not.toContain(plan.credentials.apiKey!);
    expect(text).not.toContain(plan.credentials.bearerToken!);
    expect(document.plan.credentialHints).toEqual({ apiKey: "••••cret", bearerToken: "••••wxyz" });
    expect(document.plan).toMatchObject({
      targetUrl: plan.targetUrl,
      schedule: plan.schedule,
      durationS: 6,
      requestBudget: 120,
      apiVersion: "2025-09-01",
    });
    expect(document.run).toMatchObject({ id: created.id, status: "pending", origin: "app" });
  });
});
