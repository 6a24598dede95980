// The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json.
import { z } from "zod";
import { changeInputSchema, CHANGE_KINDS } from "@/lib/changes/schema";
import { interviewAnswersSchema } from "@/lib/diagnosis/interview-schema";
import { MAX_BATCH_SIZE } from "@/lib/incidents/api-writes";
import { ENVIRONMENTS, incidentInputSchema } from "@/lib/incidents/schema";
import {
  noteSchema,
  ownerChangeSchema,
  reopeningSchema,
  resolutionSchema,
} from "@/lib/incidents/team-schema";
import { SOAK_CSV_COLUMNS } from "@/lib/load/export";
import { soakPlanSchema } from "@/lib/load/plan";
import { reviewSchema } from "@/lib/runbooks/schema";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/events";
import { webhookInputSchema } from "@/lib/webhooks/schema";
import { FAULT_KINDS, FAULT_PARAMS, faultInputSchema } from "@/lib/simulator/faults";
import { TREND_CHARTS, TREND_ENVIRONMENTS } from "@/lib/trends/query";
import { adminPaths } from "./openapi-admin";
import { errorResponse, inputSchema } from "./openapi-parts";
import { vendorConnectionPaths } from "./openapi-vendors";

const errorSchema = {
  type: "object",
  required: ["error", "message"],
  properties: {
    error: { type: "string", examples: ["validation_failed"] },
    message: { type: "string" },
    fields: {
      type: "object",
      additionalProperties: { type: "string" },
      description: "field name → what is wrong with it",
    },
  },
};
const idempotencyKey = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description:
    "A retry with the same key and body answers with the first result and creates nothing (24 h).",
  schema: { type: "string", maxLength: 255 },
};

const soakRunId = { name: "id", in: "path", required: true, schema: { type: "string" } };
const soakRunResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/SoakRun" } } },
});

/** Soak runs: bounded load against a loopback vendor endpoint that finds its safe rate. */
function soakPaths() {
  return {
    "/api/v1/soak-runs": {
      get: {
        summary: "The latest soak runs (runs whose process died are marked interrupted first)",
        responses: {
          200: { description: "{items: SoakRun[]}" },
          401: errorResponse("No valid bearer token"),
        },
      },
      post: {
        summary: "Start a soak run; it runs in the background",
        requestBody: {
          required: true,
          content: {
            "application/json": { schema: { $ref: "#/components/schemas/SoakPlanInput" } },
          },
        },
        responses: {
          202: soakRunResponse("Accepted: the run, pending; poll it or its series"),
          400: errorResponse(
            "A field is invalid, e.g. a non-loopback targetUrl, durationS over 1800, a rate over the cap, or a schedule over the request budget (named in fields)",
          ),
          401: errorResponse("No valid bearer token"),
          403: errorResponse("The role may not run soak tests"),
          413: errorResponse("Body too large"),
          415: errorResponse("Body is not application/json"),
        },
      },
    },
    "/api/v1/soak-runs/{id}": {
      get: {
        summary:
          "One soak run: plan (credentials as hints only), status and, once ended, its summary",
        parameters: [soakRunId],
        responses: {
          200: soakRunResponse("The run"),
          401: errorResponse("No valid bearer token"),
          404: errorResponse("No such run"),
        },
      },
    },
    "/api/v1/soak-runs/{id}/cancel": {
      post: {
        summary:
          "Ask a pending or running run to stop (it ends as cancelled within about a second)",
        parameters: [soakRunId],
        responses: {
          202: soakRunResponse("Cancel requested"),
          401: errorResponse("No valid bearer token"),
          403: errorResponse("The role may not run soak tests"),
          404: errorResponse("No such run"),
          409: errorResponse("The run has already ended"),
        },
      },
    },
    "/api/v1/soak-runs/{id}/series": {
      get: {
        summary:
          "Chart data: per-second p50/p95/p99 and 429 counts over elapsed seconds (at most 1,000 points per series), step and breakpoint markers, status and progress",
        parameters: [soakRunId],
        responses: {
          200: {
            description:
              "{id, status, progress: {elapsedS, durationS, sent, completed}, series: {p50, p95, p99, count429, markers, xAxis, sourcePoints}}",
          },
          401: errorResponse("No valid bearer token"),
          404: errorResponse("No such run"),
        },
      },
    },
    "/api/v1/soak-runs/{id}/samples.csv": {
      get: {
        summary: "Every response of the run as CSV (streamed; header row always present)",
        parameters: [soakRunId],
        responses: {
          200: {
            description: `CSV with columns ${SOAK_CSV_COLUMNS.join(", ")}`,
            content: { "text/csv": { schema: { type: "string" } } },
          },
          401: errorResponse("No valid bearer token"),
          404: errorResponse("No such run"),
        },
      },
    },
    "/api/v1/soak-runs/{id}/summary.json": {
      get: {
        summary:
          "The run's summary (per-step figures, totals, breakpoint) with its plan, as a download",
        parameters: [soakRunId],
        responses: {
          200: { description: "{run, plan, summary}" },
          401: errorResponse("No valid bearer token"),
          404: errorResponse("No such run"),
        },
      },
    },
  };
}

/** Change events: recorded by SREs, or imported from the vendor's audit log. */
function changePaths() {
  return {
    "/api/v1/changes": {
      get: {
        summary: "List change events, newest first, 50 a page",
        parameters: ["environment", "kind", "source", "tenant", "from", "to", "page"].map(
          (name) => ({
            name,
            in: "query",
            required: false,
            schema: { type: "string" },
            ...(name === "from" || name === "to"
              ? { description: "a UTC date like 2026-11-23; to includes the whole day" }
              : {}),
          }),
        ),
        responses: {
          200: { description: "{page, pageSize, total, items: ChangeEvent[]}" },
          400: errorResponse("A query parameter is invalid (named in fields)"),
          401: errorResponse("No valid bearer token"),
        },
      },
      post: {
        summary:
          "Record a change; occurredAt defaults to now and may not be in the future; no tenant means the whole environment",
        requestBody: {
          required: true,
          content: { "application/json": { schema: { $ref: "#/components/schemas/ChangeInput" } } },
        },
        responses: {
          201: {
            description: "Created",
            content: {
              "application/json": { schema: { $ref: "#/components/schemas/ChangeEvent" } },
            },
          },
          400: errorResponse("A field is invalid (named in fields)"),
          401: errorResponse("No valid bearer token"),
          403: errorResponse("The role may not record changes"),
          413: errorResponse("Body too large"),
          415: errorResponse("Body is not application/json"),
        },
      },
    },
    "/api/v1/changes/import": {
      post: {
        summary:
          "Import the vendor's audit log for an environment; entries already imported are not added again",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["environment"],
                properties: { environment: { type: "string", enum: [...ENVIRONMENTS] } },
              },
            },
          },
        },
        responses: {
          200: {
            description:
              "{environment, imported, alreadyHad, skipped, message}: skipped counts vendor entries that are not changes",
          },
          400: errorResponse("environment is missing or unknown"),
          401: errorResponse("No valid bearer token"),
          403: errorResponse("The role may not record changes"),
          502: errorResponse(
            "The vendor is down, refused, or answered something unreadable; nothing was imported",
          ),
        },
      },
    },
  };
}

const soakRunSchema = {
  type: "object",
  required: ["id", "name", "status", "origin", "plan", "createdAt"],
  properties: {
    id: { type: "string" },
    name: { type: "string" },
    status: {
      type: "string",
      enum: ["pending", "running", "completed", "cancelled", "interrupted", "failed"],
    },
    origin: { type: "string", enum: ["app", "cli"] },
    plan: {
      type: "object",
      description: "the plan as asked, credentials reduced to hints such as ••••abcd",
    },
    createdBy: { type: ["string", "null"] },
    createdAt: { type: "string", format: "date-time" },
    startedAt: { type: ["string", "null"], format: "date-time" },
    finishedAt: { type: ["string", "null"], format: "date-time" },
    heartbeatAt: { type: ["string", "null"], format: "date-time" },
    cancelRequestedAt: { type: ["string", "null"], format: "date-time" },
    failureReason: { type: ["string", "null"] },
    verdict: {
      type: ["string", "null"],
      enum: ["passed", "failed", null],
      description:
        "whether the run passed, apart from its lifecycle status: a constant run passes when its 2xx share meets plan.successThresholdPct (default 99); a stepped run when it found a safe rate and the steps below the breakpoint met it; null until the run ends",
    },
    verdictReasons: { type: "array", items: { type: "string" } },
    summary: {
      type: ["object", "null"],
      description:
        "per-step figures, totals, answers by status code, error kinds and the breakpoint with its reasoning; null until the run ends",
    },
  },
};

/** Runbook entries: read, search, download as Markdown, and the support lead's review. */
const incidentId = { name: "id", in: "path", required: true, schema: { type: "string" } };

/** Team work on an incident (DESIGN.md "Team work on an incident"). */
function teamPaths() {
  return {
    "/api/v1/incidents/{id}/acknowledge": {
      post: {
        summary: "Acknowledge the incident (SRE, admin); no body",
        parameters: [incidentId],
        responses: {
          200: {
            description: "{id, acknowledgedBy, acknowledgedAt}",
          },
          401: errorResponse("No valid bearer token"),
          403: errorResponse("The token's role may not acknowledge incidents"),
          404: errorResponse("No such incident"),
          409: errorResponse("Already acknowledged; the message names who and when"),
        },
      },
    },
    "/api/v1/incidents/{id}/notes": {
      post: {
        summary:
          "Add a Markdown note to the timeline (SRE, support lead, admin); secrets are masked on save",
        parameters: [incidentId],
        requestBody: {
          required: true,
          content: { "application/json": { schema: inputSchema(noteSchema) } },
        },
        responses: {
          201: { description: "{kind: note, id, at, actor, body, maskedSecrets}" },
          400: errorResponse("body is missing or over 20,000 characters"),
          401: errorResponse("No valid bearer token"),
          403: errorResponse("The token's role may not add notes"),
          404: errorResponse("No such incident"),
          413: errorResponse("Body too large"),
          415: errorResponse("Body is not application/json"),
        },
      },
    },
    "/api/v1/incidents/{id}/timeline": {
      get: {
        summary:
          "The incident's timeline, oldest first: notes, acknowledgement, owner and status changes, resolution, check runs, interview answers, probe state changes and recorded changes",
        parameters: [incidentId],
        responses: {
          200: {
            description:
              "{items: [{kind, at, actor, ...}]}; kind is one of note (body: Markdown source, html: sanitised), acknowledged, owner_changed, status_changed, resolved, reopened, check_run_started, check_run_finished, interview_answer, probe_state_changed, change_recorded",
          },
          401: errorResponse("No valid bearer token"),
          404: errorResponse("No such incident"),
        },
      },
    },
  };
}

function runbookPaths() {
  const entryId = { name: "id", in: "path", required: true, schema: { type: "string" } };
  return {
    "/api/v1/runbooks": {
      get: {
        summary:
          "List runbook entries; q searches approved text, signature matches an approved signature exactly",
        parameters: ["q", "signature", "status"].map((name) => ({
          name,
          in: "query",
          required: false,
          schema: { type: "string" },
        })),
        responses: {
          200: {
            description:
              "{entries: [{id, title, causeId, signature, status, currentVersion, approvedVersion, author, updatedAt}]}",
          },
          400: errorResponse("A query parameter is invalid (named in fields)"),
          401: errorResponse("No valid bearer token"),
        },
      },
    },
    "/api/v1/runbooks/{id}": {
      get: {
        summary: "One runbook entry with every version and review",
        parameters: [entryId],
        responses: {
          200: { description: "The entry" },
          401: errorResponse("No valid bearer token"),
          404: errorResponse("No such entry"),
        },
      },
    },
    "/api/v1/runbooks/{id}/markdown": {
      get: {
        summary: "The entry as a Markdown download: the approved version unless version=N",
        parameters: [
          entryId,
          {
            name: "version",
            in: "query",
            required: false,
            schema: { type: "integer", minimum: 1 },
          },
        ],
        responses: {
          200: { description: "text/markdown attachment" },
          400: errorResponse("version is not a positive whole number"),
          401: errorResponse("No valid bearer token"),
          404: errorResponse("No such entry or version"),
        },
      },
    },
    "/api/v1/runbooks/{id}/reviews": {
      post: {
        summary:
          "Review the version in review: approve, reject or request_changes (comment required for the last two)",
        parameters: [entryId],
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: inputSchema(reviewSchema),
            },
          },
        },
        responses: {
          201: { description: "The entry after the review" },
          400: errorResponse("decision or comment is invalid (named in fields)"),
          401: errorResponse("No valid bearer token"),
          403: errorResponse("The token's role may not review runbook entries"),
          404: errorResponse("No such entry"),
          409: errorResponse("The entry is not in review"),
        },
      },
    },
  };
}

const simulatorDown = {
  502: errorResponse("The simulator answered something unusable (simulator_bad_answer)"),
  503: errorResponse("The simulator did not answer (simulator_unreachable)"),
};

/** The simulator's fault board for drills: the simulator's own fault schema, through Pitstop. */
function simulatorPaths() {
  const jsonSchema = (schema: z.ZodType) =>
    z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
  const input = jsonSchema(faultInputSchema.in) as { properties: Record<string, unknown> };
  const paramsByKind = Object.fromEntries(
    FAULT_KINDS.map((kind) => [kind, jsonSchema(FAULT_PARAMS[kind])]),
  );
  input.properties.params = {
    type: "object",
    description: "The kind's parameters (x-params-by-kind); defaults apply to those left out",
    "x-params-by-kind": paramsByKind,
  };
  const fault = {
    description:
      "The fault as the simulator holds it, with state (active | scheduled), remainingS and injectedBy (the Pitstop user or token that injected it, null when injected elsewhere)",
  };
  return {
    "/api/v1/simulator/faults": {
      get: {
        summary: "The simulator's active and scheduled faults (simulator.read)",
        responses: {
          200: { description: "{items: Fault[], kinds: string[]}" },
          401: errorResponse("No valid bearer token"),
          403: errorResponse("The role may not see the simulator"),
          ...simulatorDown,
        },
      },
      post: {
        summary: "Inject a fault for a drill (admin); validated with the simulator's own schema",
        requestBody: { required: true, content: { "application/json": { schema: input } } },
        responses: {
          201: fault,
          400: errorResponse(
            "A field is invalid, e.g. params.holdMs or target.vin (named in fields)",
          ),
          401: errorResponse("No valid bearer token"),
          403: errorResponse("The role may not control the simulator"),
          413: errorResponse("Body too large"),
          415: errorResponse("Body is not application/json"),
          ...simulatorDown,
        },
      },
    },
    "/api/v1/simulator/faults/{id}": {
      delete: {
        summary: "Clear one fault now (admin)",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: {
          200: { description: "The fault as it ended" },
          401: errorResponse("No valid bearer token"),
          403: errorResponse("The role may not control the simulator"),
          404: errorResponse("No such fault"),
          ...simulatorDown,
        },
      },
    },
    "/api/v1/simulator/reset": {
      post: {
        summary:
          "Return the simulator to its seeded state: fleet, keys, tokens, logs and every fault (admin)",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["confirm"],
                properties: { confirm: { const: true } },
              },
            },
          },
        },
        responses: {
          200: { description: "{reset: true}" },
          400: errorResponse("confirm is not true"),
          401: errorResponse("No valid bearer token"),
          403: errorResponse("The role may not control the simulator"),
          415: errorResponse("Body is not application/json"),
          ...simulatorDown,
        },
      },
    },
  };
}

/** The Trends page's tables as CSV, diagnosis accuracy among them. */
function trendPaths() {
  const day = (name: string, description: string) => ({
    name,
    in: "query",
    required: false,
    description,
    schema: { type: "string", format: "date" },
  });
  return {
    "/api/v1/trends/{chart}.csv": {
      get: {
        summary:
          "One Trends chart's table as CSV over whole UTC days; a range with nothing in it gives the header alone",
        description:
          "diagnosis-accuracy: per week the incidents occurred, resolved incidents confirmed as one of the ten causes (confirmed), those whose diagnosis (the first completed check run's top cause, else the classifier's at filing) was that cause (diagnosis_right) and their share (empty when confirmed is 0). diagnosis-accuracy-by-cause: the same per confirmed cause.",
        parameters: [
          {
            name: "chart",
            in: "path",
            required: true,
            schema: { type: "string", enum: [...TREND_CHARTS] },
          },
          day("from", "First day (default: 12 weeks before `to`)"),
          day("to", "Last day, included (default: today)"),
          {
            name: "environment",
            in: "query",
            required: false,
            schema: { type: "string", enum: [...TREND_ENVIRONMENTS], default: "all" },
          },
        ],
        responses: {
          200: {
            description: "CSV with a header row",
            content: { "text/csv": { schema: { type: "string" } } },
          },
          400: errorResponse("A filter is invalid (named in fields)"),
          401: errorResponse("No valid bearer token"),
          404: errorResponse("No such chart"),
          502: errorResponse("vendor-minutes only: the vendor's status history could not be read"),
        },
      },
    },
  };
}

const LIST_PARAMETER_NOTES: Record<string, string> = {
  status: "open, triaging, mitigated, resolved, or unresolved (any but resolved)",
  severity: "One or more of sev1..sev4, comma-separated or repeated",
  owner: "me (the signed-in user; not with an API token), none (unowned), or a user id",
  sort: "oncall (default: unresolved first, then severity, then newest), occurredAt, severity, status, tenant, title; count, lastSeen, firstSeen for groups",
};
const incidentListParameters = [
  "view",
  "status",
  "severity",
  "owner",
  "environment",
  "tenant",
  "signature",
  "from",
  "to",
  "q",
  "sort",
  "dir",
  "page",
  "pageSize",
].map((name) => ({
  name,
  in: "query",
  required: false,
  schema: { type: "string" },
  ...(LIST_PARAMETER_NOTES[name] ? { description: LIST_PARAMETER_NOTES[name] } : {}),
}));

const ifNoneMatch = {
  name: "If-None-Match",
  in: "header",
  required: false,
  description: "The ETag of the last answer: 304 with no body while nothing changed",
  schema: { type: "string" },
};

/** Live pages: versions to poll with If-None-Match, and incident presence. */
function livePaths() {
  const incidentId = { name: "id", in: "path", required: true, schema: { type: "string" } };
  const notModified = { description: "Nothing changed since the ETag in If-None-Match" };
  return {
    "/api/v1/incidents/live": {
      get: {
        summary:
          "The incident list's version for the same query as GET /api/v1/incidents: {version, total}, with an ETag",
        parameters: [...incidentListParameters, ifNoneMatch],
        responses: {
          200: { description: "{version, total}; version changes when a listed incident may have" },
          304: notModified,
          400: errorResponse("A query parameter is invalid (named in fields)"),
          401: errorResponse("No valid bearer token"),
        },
      },
    },
    "/api/v1/incidents/{id}/live": {
      get: {
        summary:
          "The incident page's version and who else is viewing it: {version, viewers: [{id, name}]}, with an ETag",
        parameters: [incidentId, ifNoneMatch],
        responses: {
          200: {
            description:
              "version changes with the incident, its timeline events, check runs and interview answers; viewers are those seen in the last 30 s, the caller left out",
          },
          304: notModified,
          401: errorResponse("No valid bearer token"),
          404: errorResponse("No such incident"),
        },
      },
    },
    "/api/v1/incidents/{id}/presence": {
      put: {
        summary: "Heartbeat of a signed-in viewer: counts them as viewing for 30 s",
        parameters: [incidentId],
        responses: {
          204: { description: "Recorded" },
          401: errorResponse("Not signed in"),
          404: errorResponse("No such incident"),
          422: errorResponse("An API token cannot be a viewer"),
        },
      },
      delete: {
        summary: "The viewer left the page",
        parameters: [incidentId],
        responses: {
          204: { description: "No longer counted as viewing" },
          401: errorResponse("Not signed in"),
          422: errorResponse("An API token cannot be a viewer"),
        },
      },
    },
  };
}

export function openApiDocument() {
  const incidentInput = z.toJSONSchema(incidentInputSchema, {
    io: "input",
    unrepresentable: "any",
  });
  const soakPlanInput = z.toJSONSchema(soakPlanSchema, { io: "input", unrepresentable: "any" });
  const changeInput = z.toJSONSchema(changeInputSchema, { io: "input", unrepresentable: "any" });
  return {
    openapi: "3.1.0",
    info: {
      title: "Pitstop API",
      version: "1.0.0",
      description:
        "Incidents for connected-vehicle integrations, and soak runs against the vendor API. Authenticate with `Authorization: Bearer <token>` (`npx pitstop token create`).",
    },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: {
        Error: errorSchema,
        IncidentInput: incidentInput,
        SoakPlanInput: soakPlanInput,
        SoakRun: soakRunSchema,
        ChangeInput: changeInput,
        ChangeEvent: {
          type: "object",
          required: ["id", "kind", "environment", "summary", "occurredAt", "source"],
          properties: {
            id: { type: "string" },
            kind: { type: "string", enum: [...CHANGE_KINDS] },
            environment: { type: "string", enum: [...ENVIRONMENTS] },
            tenant: { type: ["string", "null"], description: "null: the whole environment" },
            summary: { type: "string" },
            details: { type: ["string", "null"] },
            occurredAt: { type: "string", format: "date-time" },
            source: { type: "string", enum: ["manual", "vendor_audit"] },
            externalId: {
              type: ["string", "null"],
              description: "the vendor audit entry it came from",
            },
            createdBy: { type: ["string", "null"] },
            createdAt: { type: "string", format: "date-time" },
          },
        },
        Incident: {
          allOf: [
            { $ref: "#/components/schemas/IncidentInput" },
            {
              type: "object",
              required: ["id", "signature", "status"],
              properties: {
                id: { type: "string" },
                signature: {
                  type: "string",
                  description: "the error string with volatile parts normalised away",
                },
                maskedSecrets: {
                  type: "integer",
                  description:
                    "how many secret-looking values (tokens, keys, passwords) were masked in the title and errorString as saved",
                },
                reporter: { type: "string" },
                resolvedAt: { type: ["string", "null"], format: "date-time" },
                ownerId: { type: ["string", "null"] },
                acknowledgedBy: { type: ["string", "null"] },
                acknowledgedAt: { type: ["string", "null"], format: "date-time" },
                confirmedCause: { type: ["string", "null"] },
                confirmedCauseNote: { type: ["string", "null"] },
                resolutionNote: { type: ["string", "null"] },
                vendorConnectionId: {
                  type: ["string", "null"],
                  description: "the vendor connection the checks use; null: the default",
                },
                createdAt: { type: "string", format: "date-time" },
                updatedAt: { type: "string", format: "date-time" },
              },
            },
          ],
        },
      },
    },
    paths: {
      "/api/v1/incidents": {
        get: {
          summary: "List incidents, or signature groups with view=groups",
          parameters: incidentListParameters,
          responses: {
            200: { description: "A page of incidents or groups with the total" },
            400: errorResponse("A query parameter is invalid (named in fields)"),
            401: errorResponse("No valid bearer token"),
          },
        },
        post: {
          summary:
            "File an incident; without occurredAt it is dated the time the request was received",
          parameters: [idempotencyKey],
          requestBody: {
            required: true,
            content: {
              "application/json": { schema: { $ref: "#/components/schemas/IncidentInput" } },
            },
          },
          responses: {
            201: {
              description: "Created",
              content: {
                "application/json": { schema: { $ref: "#/components/schemas/Incident" } },
              },
            },
            400: errorResponse("A field is invalid (named in fields)"),
            401: errorResponse("No valid bearer token"),
            403: errorResponse("The token's role may not file incidents"),
            409: errorResponse("correlationId is already used"),
            413: errorResponse("Body too large"),
            415: errorResponse("Body is not application/json"),
            422: errorResponse("Idempotency-Key reused with a different body"),
          },
        },
      },
      "/api/v1/incidents/batch": {
        post: {
          summary: `File up to ${MAX_BATCH_SIZE} incidents in one request; each item succeeds or fails on its own`,
          parameters: [idempotencyKey],
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["incidents"],
                  properties: {
                    incidents: {
                      type: "array",
                      maxItems: MAX_BATCH_SIZE,
                      items: { $ref: "#/components/schemas/IncidentInput" },
                    },
                  },
                },
              },
            },
          },
          responses: {
            207: {
              description:
                "Per-item results: {created, failed, results: [{index, status, id | error, fields}]}",
            },
            400: errorResponse("The batch itself is malformed"),
            401: errorResponse("No valid bearer token"),
            403: errorResponse("The token's role may not file incidents"),
          },
        },
      },
      "/api/v1/incidents/{id}": {
        get: {
          summary: "One incident",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            200: {
              description: "The incident",
              content: {
                "application/json": { schema: { $ref: "#/components/schemas/Incident" } },
              },
            },
            401: errorResponse("No valid bearer token"),
            404: errorResponse("No such incident"),
          },
        },
        patch: {
          summary:
            "One team change (SRE, admin): set the owner, resolve with the confirmed cause, or reopen with a reason",
          parameters: [incidentId],
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: {
                  oneOf: [ownerChangeSchema, resolutionSchema, reopeningSchema].map((schema) =>
                    inputSchema(schema),
                  ),
                },
              },
            },
          },
          responses: {
            200: {
              description: "The incident as changed",
              content: {
                "application/json": { schema: { $ref: "#/components/schemas/Incident" } },
              },
            },
            400: errorResponse(
              "A field is missing or invalid (named in fields: ownerId, confirmedCause, resolutionNote, reopenReason...)",
            ),
            401: errorResponse("No valid bearer token"),
            403: errorResponse("The token's role may not change incidents"),
            404: errorResponse("No such incident"),
            409: errorResponse("Someone else resolved or reopened it first (named in message)"),
            413: errorResponse("Body too large"),
            415: errorResponse("Body is not application/json"),
          },
        },
      },
      ...teamPaths(),
      "/api/v1/incidents/{id}/answers": {
        post: {
          summary:
            "Answer guided-interview questions (SRE, admin); one current answer per question, unknown carries no evidence",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: z.toJSONSchema(interviewAnswersSchema, {
                  io: "input",
                  unrepresentable: "any",
                }),
              },
            },
          },
          responses: {
            200: {
              description:
                "{answers: [{questionId, question, answer, answeredBy, answeredAt}], diagnosis: {ranked, path, nodes, certainty}, interview: {needed, unsure, questions}}: every current answer, the causes re-ranked with them, and what to ask next",
            },
            400: errorResponse("A question or answer is invalid (named in fields)"),
            401: errorResponse("No valid bearer token"),
            403: errorResponse("The token's role may not answer the interview"),
            404: errorResponse("No such incident"),
            413: errorResponse("Body too large"),
            415: errorResponse("Body is not application/json"),
          },
        },
      },
      ...livePaths(),
      ...soakPaths(),
      ...changePaths(),
      ...runbookPaths(),
      ...webhookPaths(),
      ...simulatorPaths(),
      ...trendPaths(),
      ...adminPaths(),
      ...vendorConnectionPaths(),
    },
  };
}

const webhookId = { name: "id", in: "path", required: true, schema: { type: "string" } };
const webhookSchema = {
  type: "object",
  required: ["id", "url", "events", "createdAt", "disabledAt", "lastDelivery"],
  properties: {
    id: { type: "string" },
    url: { type: "string" },
    events: { type: "array", items: { type: "string", enum: [...WEBHOOK_EVENTS] } },
    createdBy: { type: ["string", "null"] },
    createdAt: { type: "string", format: "date-time" },
    disabledAt: { type: ["string", "null"], format: "date-time" },
    lastDelivery: {
      type: ["object", "null"],
      description: "{event, status, lastStatus, at} of the newest delivery",
    },
  },
};

/** Outbound webhooks (admin): signed JSON POSTs of team events, retried, every attempt logged. */
function webhookPaths() {
  return {
    "/api/v1/webhooks": {
      get: {
        summary: "Every webhook with its last delivery; secrets are never listed",
        responses: {
          200: { description: "{items: Webhook[]}" },
          401: errorResponse("No valid bearer token"),
          403: errorResponse("Only admins manage webhooks"),
        },
      },
      post: {
        summary:
          'Create a webhook. Each delivery is a POST of {id, event, occurredAt, data, text} signed with x-pitstop-signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">',
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: z.toJSONSchema(webhookInputSchema, { io: "input", unrepresentable: "any" }),
            },
          },
        },
        responses: {
          201: {
            description:
              "The webhook and its secret (generated when none was given): the only time the secret is returned",
            content: {
              "application/json": {
                schema: {
                  allOf: [
                    webhookSchema,
                    {
                      type: "object",
                      required: ["secret"],
                      properties: { secret: { type: "string" } },
                    },
                  ],
                },
              },
            },
          },
          400: errorResponse(
            "A field is invalid, e.g. a url that is not http(s), a link-local or metadata address, or a loopback or private one without PITSTOP_WEBHOOK_ALLOW_PRIVATE=1 (named in fields)",
          ),
          401: errorResponse("No valid bearer token"),
          403: errorResponse("Only admins manage webhooks"),
          413: errorResponse("Body too large"),
          415: errorResponse("Body is not application/json"),
        },
      },
    },
    "/api/v1/webhooks/{id}": {
      get: {
        summary: "One webhook (no secret)",
        parameters: [webhookId],
        responses: {
          200: {
            description: "The webhook",
            content: { "application/json": { schema: webhookSchema } },
          },
          401: errorResponse("No valid bearer token"),
          403: errorResponse("Only admins manage webhooks"),
          404: errorResponse("No such webhook"),
        },
      },
      delete: {
        summary:
          "Disable the webhook: nothing more is queued or sent, pending deliveries fail, the log stays",
        parameters: [webhookId],
        responses: {
          200: {
            description: "The webhook, disabled",
            content: { "application/json": { schema: webhookSchema } },
          },
          401: errorResponse("No valid bearer token"),
          403: errorResponse("Only admins manage webhooks"),
          404: errorResponse("No such webhook"),
          409: errorResponse("Already disabled (says when)"),
        },
      },
    },
    "/api/v1/webhooks/{id}/deliveries": {
      get: {
        summary: "The webhook's newest deliveries, each with every attempt",
        parameters: [
          webhookId,
          {
            name: "limit",
            in: "query",
            required: false,
            schema: { type: "integer", minimum: 1, maximum: 200, default: 50 },
          },
        ],
        responses: {
          200: {
            description:
              "{items: [{id, event, status: pending|delivered|failed, attempts, nextAttemptAt, lastStatus, lastError, createdAt, finishedAt, payload, attemptLog: [{attempt, at, statusCode, error, durationMs}]}]}",
          },
          400: errorResponse("limit is invalid"),
          401: errorResponse("No valid bearer token"),
          403: errorResponse("Only admins manage webhooks"),
          404: errorResponse("No such webhook"),
        },
      },
    },
  };
}
