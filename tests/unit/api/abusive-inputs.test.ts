// The abusive-inputs attack suite: each hostile value sent through each way text enters
// Pitstop (API single and batch, forms, CLI) must be refused with the field named, never a 500
// and never stored; ordinary values must still go through. Counts are printed at the end.
import { afterAll, describe, expect, it } from "vitest";
import { POST as createBatch } from "@/app/api/v1/incidents/batch/route";
import { POST as createIncident } from "@/app/api/v1/incidents/route";
import { POST as createChange } from "@/app/api/v1/changes/route";
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
  {
    name: "an emoji (a proper pair)",
    value: "Remote start 🚗 failed",
    refused: false,
    message: /./,
  },
];

const tally = { cases: 0, asExpected: 0 };

afterAll(() => {
  console.log(
    `abusive inputs: ${tally.cases} cases (${TEXT_ATTACKS.length} text inputs over ${ENTRY_POINTS.length} entry points), ${tally.asExpected} answered as expected`,
  );
});

describe("abusive text at every entry point", () => {
  for (const entry of ENTRY_POINTS) {
    for (const attack of TEXT_ATTACKS) {
      const fields = [entry.oneLine, ...(entry.multiLine ? [entry.multiLine] : [])];
      for (const field of fields) {
        const refused = attack.refused && !(field === entry.multiLine && attack.multiLineOk);
        if (!refused && entry.refusalsOnly) continue;
        it(`${entry.name} ${refused ? "refuses" : "accepts"} ${attack.name} in ${field}`, async () => {
          tally.cases++;
          const outcome = await entry.submit(field, attack.value);
          if (refused) {
            expect(outcome.status, JSON.stringify(outcome)).toBe(400);
            expect(outcome.fields[field], JSON.stringify(outcome)).toMatch(attack.message);
          } else {
            expect(outcome, JSON.stringify(outcome)).toMatchObject({ accepted: true });
          }
          tally.asExpected++;
        });
      }
    }
  }
});
