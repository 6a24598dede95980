// The abusive-inputs attack suite: each hostile value sent through each way text enters
// Pitstop (API single and batch, forms, CLI) must be refused with the field named, never a 500
// and never stored; ordinary values must still go through. Counts are printed at the end.
import { afterAll, describe, expect, it } from "vitest";
import { POST as importChanges } from "@/app/api/v1/changes/import/route";
import { GET as listChanges, POST as createChange } from "@/app/api/v1/changes/route";
import { POST as answerInterview } from "@/app/api/v1/incidents/[id]/answers/route";
import { POST as createBatch } from "@/app/api/v1/incidents/batch/route";
import { GET as listIncidents, POST as createIncident } from "@/app/api/v1/incidents/route";
import { POST as reviewRunbook } from "@/app/api/v1/runbooks/[id]/reviews/route";
import { GET as trendCsv } from "@/app/api/v1/trends/[chart]/route";
import { POST as createSoakRun } from "@/app/api/v1/soak-runs/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { changeFieldsFromForm, changeInputSchema } from "@/lib/changes/schema";
import { ingestIncidentLines, type Rejection } from "@/lib/cli/ingest";
import { parseSoakArgs } from "@/lib/cli/soak";
import { incidentFieldsFromForm, incidentInputSchema, fieldErrors } from "@/lib/incidents/schema";
import { soakFormErrors, soakPlanInputFromForm } from "@/lib/load/form-values";
import { soakPlanSchema } from "@/lib/load/plan";
import { runbookFieldsFromForm, newRunbookEntrySchema } from "@/lib/runbooks/schema";
import { incidentBody, unique } from "@/tests/support/factories";
import { changeBody } from "@/tests/unit/changes/factories";
import { system } from "@/tests/unit/load/soak-factories";

/** What an entry point made of one value: refused (naming these fields) or accepted. */
type Outcome = { accepted: boolean; status: number; fields: Record<string, string> };

type EntryPoint = {
  name: string;
  oneLine: string;
  multiLine?: string;
  /** Accepting here starts background work, so only refusals are tried. */
  refusalsOnly?: boolean;
  submit: (field: string, value: string) => Promise<Outcome>;
};

let sreToken: Promise<string> | null = null;
const bearer = async () => {
  sreToken ??= createApiToken({ name: unique("abuse"), role: "sre" }, system).then(
    ({ token }) => token,
  );
  return `Bearer ${await sreToken}`;
};

async function postJson(
  handler: (request: Request) => Promise<Response> | Response,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return handler(
    new Request(`http://pitstop.test${path}`, {
      method: "POST",
      headers: { authorization: await bearer(), "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    }),
  );
}

async function apiOutcome(response: Response): Promise<Outcome> {
  const body = await response.json();
  return {
    accepted: response.status < 300,
    status: response.status,
    fields: body.fields ?? {},
  };
}

// A real FormData turns a lone surrogate into U+FFFD; a crafted action call need not, so
// the form's own parsing must refuse it. This stands in with the strings exactly as sent.
const formData = (fields: Record<string, unknown>) => {
  const values = new Map<string, string>();
  for (const [name, value] of Object.entries(fields))
    if (value !== undefined && value !== null)
      values.set(name, Array.isArray(value) ? value.join(" ") : String(value));
  return { get: (name: string) => values.get(name) ?? null } as unknown as FormData;
};

const formOutcome = (errors: Record<string, string> | null): Outcome => ({
  accepted: errors === null,
  status: errors === null ? 200 : 400,
  fields: errors ?? {},
});

const soakBody = (overrides: Record<string, unknown> = {}) => ({
  name: "abuse soak",
  environment: "sandbox",
  targetUrl: "http://127.0.0.1:9/sandbox/v1/account",
  schedule: { kind: "constant", rate: 5 },
  durationS: 1,
  ...overrides,
});

const runbookFields = (overrides: Record<string, unknown>) => ({
  title: "Remote start times out after the 4.3 SDK bump",
  causeId: "app_version",
  errorString: "status: 504 command engine_start timed out",
  fixApplied: "Pinned connected-sdk back to 4.2.0.",
  ...overrides,
});

const ENTRY_POINTS: EntryPoint[] = [
  {
    name: "POST /api/v1/incidents",
    oneLine: "title",
    multiLine: "errorString",
    submit: async (field, value) =>
      apiOutcome(
        await postJson(createIncident, "/api/v1/incidents", incidentBody({ [field]: value })),
      ),
  },
  {
    name: "POST /api/v1/incidents/batch",
    oneLine: "title",
    multiLine: "errorString",
    submit: async (field, value) => {
      const response = await postJson(createBatch, "/api/v1/incidents/batch", {
        incidents: [incidentBody({ [field]: value })],
      });
      const body = await response.json();
      const item = body.results?.[0] ?? {};
      return {
        accepted: item.status === 201,
        status: item.status ?? response.status,
        fields: item.fields ?? body.fields ?? {},
      };
    },
  },
  {
    name: "POST /api/v1/changes",
    oneLine: "summary",
    multiLine: "details",
    submit: async (field, value) =>
      apiOutcome(await postJson(createChange, "/api/v1/changes", changeBody({ [field]: value }))),
  },
  {
    name: "POST /api/v1/soak-runs",
    oneLine: "name",
    refusalsOnly: true,
    submit: async (field, value) =>
      apiOutcome(await postJson(createSoakRun, "/api/v1/soak-runs", soakBody({ [field]: value }))),
  },
  {
    name: "incident form",
    oneLine: "title",
    multiLine: "errorString",
    submit: async (field, value) => {
      const parsed = incidentInputSchema.safeParse(
        incidentFieldsFromForm(formData(incidentBody({ [field]: value }))),
      );
      return formOutcome(parsed.success ? null : fieldErrors(parsed.error));
    },
  },
  {
    name: "change form",
    oneLine: "summary",
    multiLine: "details",
    submit: async (field, value) => {
      const parsed = changeInputSchema.safeParse(
        changeFieldsFromForm(formData(changeBody({ [field]: value }))),
      );
      return formOutcome(parsed.success ? null : fieldErrors(parsed.error));
    },
  },
  {
    name: "runbook form",
    oneLine: "title",
    multiLine: "fixApplied",
    submit: async (field, value) => {
      const parsed = newRunbookEntrySchema.safeParse(
        runbookFieldsFromForm(formData(runbookFields({ [field]: value }))),
      );
      return formOutcome(parsed.success ? null : fieldErrors(parsed.error));
    },
  },
  {
    name: "soak form",
    oneLine: "name",
    submit: async (field, value) => {
      const plan = soakBody({ [field]: value });
      const parsed = soakPlanSchema.safeParse(
        soakPlanInputFromForm(
          formData({ ...plan, scheduleKind: "constant", rate: 5, successThresholdPct: 99 }),
        ),
      );
      return formOutcome(parsed.success ? null : soakFormErrors(parsed.error));
    },
  },
  {
    name: "pitstop ingest",
    oneLine: "title",
    multiLine: "errorString",
    submit: async (field, value) => {
      const rejections: Rejection[] = [];
      const line = JSON.stringify(incidentBody({ [field]: value }));
      const totals = await ingestIncidentLines(
        (async function* () {
          yield line;
        })(),
        system,
        (rejection) => rejections.push(rejection),
      );
      return {
        accepted: totals.created === 1,
        status: totals.created === 1 ? 201 : 400,
        fields: Object.fromEntries(rejections.map(({ field, message }) => [field, message])),
      };
    },
  },
  {
    name: "pitstop soak",
    oneLine: "name",
    submit: async (field, value) => {
      const parsed = parseSoakArgs([
        `--${field}`,
        value,
        "--target",
        "http://127.0.0.1:9/sandbox/v1/account",
        "--rate",
        "5",
        "--duration",
        "1",
      ]);
      if (parsed.ok) return formOutcome(null);
      return formOutcome(
        Object.fromEntries(
          parsed.errors.map((error) => {
            const [flag, ...message] = error.split(": ");
            return [flag!.replace(/^--/, ""), message.join(": ")];
          }),
        ),
      );
    },
  },
];

type TextAttack = {
  name: string;
  value: string;
  /** Refused in one-line fields; multi-line fields accept it when `multiLineOk`. */
  refused: boolean;
  multiLineOk?: boolean;
  message: RegExp;
};

const TEXT_ATTACKS: TextAttack[] = [
  {
    name: "lone high surrogate",
    value: "x\ud800y",
    refused: true,
    message: /malformed Unicode/,
  },
  {
    name: "lone low surrogate",
    value: "x\udc00y",
    refused: true,
    message: /malformed Unicode/,
  },
  {
    name: "surrogates in the wrong order",
    value: "x\udc00\ud800y",
    refused: true,
    message: /malformed Unicode/,
  },
  { name: "NUL", value: "x\u0000y", refused: true, message: /control characters/ },
  { name: "an ANSI escape", value: "x\u001b[31my", refused: true, message: /control characters/ },
  { name: "DEL", value: "x\u007fy", refused: true, message: /control characters/ },
  { name: "a C1 control (NEL)", value: "x\u0085y", refused: true, message: /control characters/ },
  {
    name: "a line break",
    value: "first line\nsecond line",
    refused: true,
    multiLineOk: true,
    message: /one line/,
  },
  {
    name: "a CRLF line break",
    value: "first line\r\nsecond line",
    refused: true,
    multiLineOk: true,
    message: /one line/,
  },
  { name: "a tab", value: "x\ty", refused: true, multiLineOk: true, message: /one line/ },
  {
    name: "an emoji (a proper pair)",
    value: "Remote start 🚗 failed",
    refused: false,
    message: /./,
  },
];

const tally = new Map<string, { cases: number; asExpected: number }>();
/** Counts a case of `table`; call `asExpected` once its assertions held. */
function count(table: string) {
  const counts = tally.get(table) ?? { cases: 0, asExpected: 0 };
  tally.set(table, counts);
  counts.cases++;
  return { asExpected: () => counts.asExpected++ };
}

afterAll(() => {
  const lines = [...tally].map(
    ([table, { cases, asExpected }]) => `  ${table}: ${asExpected}/${cases} answered as expected`,
  );
  const total = [...tally.values()].reduce((sum, { cases }) => sum + cases, 0);
  console.log(`abusive inputs: ${total} cases\n${lines.join("\n")}`);
});

describe("abusive text at every entry point", () => {
  for (const entry of ENTRY_POINTS) {
    for (const attack of TEXT_ATTACKS) {
      const fields = [entry.oneLine, ...(entry.multiLine ? [entry.multiLine] : [])];
      for (const field of fields) {
        const refused = attack.refused && !(field === entry.multiLine && attack.multiLineOk);
        if (!refused && entry.refusalsOnly) continue;
        it(`${entry.name} ${refused ? "refuses" : "accepts"} ${attack.name} in ${field}`, async () => {
          const counted = count("text fields");
          const outcome = await entry.submit(field, attack.value);
          if (refused) {
            expect(outcome.status, JSON.stringify(outcome)).toBe(400);
            expect(outcome.fields[field], JSON.stringify(outcome)).toMatch(attack.message);
          } else {
            expect(outcome, JSON.stringify(outcome)).toMatchObject({ accepted: true });
          }
          counted.asExpected();
        });
      }
    }
  }
});

// Times a Pitstop record cannot have: before connected-vehicle APIs, or not on the calendar.
const OCCURRED_AT_ATTACKS = [
  { name: "year 0000", value: "0000-01-01T00:00:00Z", message: /on or after 2000-01-01/ },
  { name: "the Unix epoch", value: "1970-01-01T00:00:00Z", message: /on or after 2000-01-01/ },
  { name: "30 February", value: "2026-02-30T10:00:00Z", message: /ISO 8601/ },
];

describe("abusive occurredAt at every entry point that takes one", () => {
  const takingOccurredAt = ENTRY_POINTS.filter(({ name }) => /incident|change|ingest/.test(name));
  for (const entry of takingOccurredAt)
    for (const attack of OCCURRED_AT_ATTACKS)
      it(`${entry.name} refuses an occurredAt of ${attack.name}`, async () => {
        const counted = count("occurredAt");
        const outcome = await entry.submit("occurredAt", attack.value);
        expect(outcome.status, JSON.stringify(outcome)).toBe(400);
        expect(outcome.fields.occurredAt, JSON.stringify(outcome)).toMatch(attack.message);
        counted.asExpected();
      });
});

let adminToken: Promise<string> | null = null;
const adminBearer = async () => {
  adminToken ??= createApiToken({ name: unique("abuse-admin"), role: "admin" }, system).then(
    ({ token }) => token,
  );
  return `Bearer ${await adminToken}`;
};

type Handler = (
  request: Request,
  context: { params: Promise<{ id: string }> },
) => Promise<Response>;
const noSuchId = { params: Promise.resolve({ id: "no-such-id" }) };

const LIST_QUERIES: Array<{ path: string; handler: Handler; context?: typeof noSuchId }> = [
  { path: "/api/v1/incidents", handler: listIncidents },
  { path: "/api/v1/changes", handler: listChanges },
  {
    path: "/api/v1/trends/causes.csv",
    handler: trendCsv as unknown as Handler,
    context: { params: Promise.resolve({ chart: "causes.csv" }) } as never,
  },
];

describe("impossible dates in list queries", () => {
  for (const { path, handler, context } of LIST_QUERIES)
    for (const [field, query] of [
      ["from", "from=2026-02-30"],
      ["to", "from=2026-02-01&to=2026-02-30"],
      ["from", "from=2026-13-01"],
    ] as const)
      it(`GET ${path}?${query} answers 400 naming ${field}`, async () => {
        const counted = count("query dates");
        const response = await handler(
          new Request(`http://pitstop.test${path}?${query}`, {
            headers: { authorization: await adminBearer() },
          }),
          context ?? noSuchId,
        );
        const body = await response.json();
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(body.fields[field], JSON.stringify(body)).toMatch(/real date/);
        counted.asExpected();
      });
});

const KiB = 1024;
const MiB = 1024 * KiB;

/** Every route that reads a JSON body, with its limit; an empty object gets past the body reader to zod's 400. */
const JSON_ROUTES: Array<{ path: string; handler: Handler; maxBytes: number }> = [
  { path: "/api/v1/incidents", handler: createIncident, maxBytes: 64 * KiB },
  { path: "/api/v1/incidents/batch", handler: createBatch, maxBytes: 8 * MiB },
  { path: "/api/v1/changes", handler: createChange, maxBytes: 16 * KiB },
  { path: "/api/v1/changes/import", handler: importChanges, maxBytes: 1 * KiB },
  { path: "/api/v1/soak-runs", handler: createSoakRun, maxBytes: 32 * KiB },
  {
    path: "/api/v1/incidents/no-such-id/answers",
    handler: answerInterview as unknown as Handler,
    maxBytes: 8 * KiB,
  },
  {
    path: "/api/v1/runbooks/no-such-id/reviews",
    handler: reviewRunbook as unknown as Handler,
    maxBytes: 16 * KiB,
  },
];

const CONTENT_TYPES: Array<[string, number]> = [
  ["application/json, text/plain", 415],
  ["text/plain", 415],
  ["application/jsonp", 415],
  ["application/vnd.api+json", 415],
  ["application/json; charset=latin1", 415],
  ["multipart/form-data; boundary=x", 415],
  ["application/json", 400],
  ["application/json; charset=utf-8", 400],
  ['Application/JSON;charset="UTF-8"', 400],
];

describe("Content-Type at every JSON route", () => {
  for (const { path, handler } of JSON_ROUTES)
    for (const [type, status] of CONTENT_TYPES)
      it(`POST ${path} with Content-Type ${type} answers ${status}`, async () => {
        const counted = count("Content-Type");
        const response = await handler(
          new Request(`http://pitstop.test${path}`, {
            method: "POST",
            headers: { authorization: await adminBearer(), "content-type": type },
            body: "{}",
          }),
          noSuchId,
        );
        const body = await response.json();
        expect(response.status, JSON.stringify(body)).toBe(status);
        if (status === 415) expect(body.error).toBe("unsupported_media_type");
        counted.asExpected();
      });
});

const CHUNK = 64 * KiB;

/** A streamed body of `total` bytes that makes each chunk only when read, and counts them. */
function countedBody(total: number) {
  const chunk = new Uint8Array(CHUNK).fill(0x20);
  const read = { bytes: 0 };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (read.bytes >= total) return controller.close();
        read.bytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, read };
}

describe("oversized bodies at every JSON route", () => {
  for (const { path, handler, maxBytes } of JSON_ROUTES) {
    // Far past the limit: read whole, as before, it would take the server's memory with it.
    const total = maxBytes + 16 * MiB;
    const send = async (stream: ReadableStream<Uint8Array>, headers: Record<string, string>) =>
      handler(
        new Request(`http://pitstop.test${path}`, {
          method: "POST",
          headers: {
            authorization: await adminBearer(),
            "content-type": "application/json",
            ...headers,
          },
          body: stream,
          duplex: "half",
        } as RequestInit),
        noSuchId,
      );

    it(`POST ${path} refuses a Content-Length over ${maxBytes} bytes before reading a byte`, async () => {
      const counted = count("body size");
      const { stream, read } = countedBody(total);
      const response = await send(stream, { "content-length": String(total) });
      expect(response.status).toBe(413);
      expect((await response.json()).error).toBe("payload_too_large");
      expect(read.bytes).toBe(0);
      counted.asExpected();
    });

    it(`POST ${path} stops reading a chunked body once it passes ${maxBytes} bytes`, async () => {
      const counted = count("body size");
      const { stream, read } = countedBody(total);
      const response = await send(stream, {});
      expect(response.status).toBe(413);
      expect((await response.json()).error).toBe("payload_too_large");
      expect(read.bytes).toBeLessThanOrEqual(maxBytes + CHUNK);
      counted.asExpected();
    });
  }
});
