// The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json.
import { z } from "zod";
import { MAX_BATCH_SIZE } from "@/lib/incidents/api-writes";
import { incidentInputSchema } from "@/lib/incidents/schema";

const errorSchema = {
  type: "object",
  required: ["error", "message"],
  properties: {
    error: { type: "string", examples: ["validation_failed"] },
    message: { type: "string" },
    fields: { type: "object", additionalProperties: { type: "string" }, description: "field name → what is wrong with it" },
  },
};
const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});
const idempotencyKey = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description: "A retry with the same key and body answers with the first result and creates nothing (24 h).",
  schema: { type: "string", maxLength: 255 },
};

export function openApiDocument() {
  const incidentInput = z.toJSONSchema(incidentInputSchema, { io: "input", unrepresentable: "any" });
  return {
    openapi: "3.1.0",
    info: {
      title: "Pitstop API",
      version: "1.0.0",
      description: "Incidents for connected-vehicle integrations. Authenticate with `Authorization: Bearer <token>` (`npx pitstop token create`).",
    },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: {
        Error: errorSchema,
        IncidentInput: incidentInput,
        Incident: {
          allOf: [
            { $ref: "#/components/schemas/IncidentInput" },
            {
              type: "object",
              required: ["id", "signature", "status"],
              properties: {
                id: { type: "string" },
                signature: { type: "string", description: "the error string with volatile parts normalised away" },
                reporter: { type: "string" },
                resolvedAt: { type: ["string", "null"], format: "date-time" },
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
          parameters: ["view", "status", "environment", "tenant", "signature", "from", "to", "q", "sort", "dir", "page", "pageSize"].map((name) => ({
            name,
            in: "query",
            required: false,
            schema: { type: "string" },
          })),
          responses: {
            200: { description: "A page of incidents or groups with the total" },
            400: errorResponse("A query parameter is invalid (named in fields)"),
            401: errorResponse("No valid bearer token"),
          },
        },
        post: {
          summary: "File an incident",
          parameters: [idempotencyKey],
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/IncidentInput" } } } },
          responses: {
            201: { description: "Created", content: { "application/json": { schema: { $ref: "#/components/schemas/Incident" } } } },
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
                  properties: { incidents: { type: "array", maxItems: MAX_BATCH_SIZE, items: { $ref: "#/components/schemas/IncidentInput" } } },
                },
              },
            },
          },
          responses: {
            207: { description: "Per-item results: {created, failed, results: [{index, status, id | error, fields}]}" },
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
            200: { description: "The incident", content: { "application/json": { schema: { $ref: "#/components/schemas/Incident" } } } },
            401: errorResponse("No valid bearer token"),
            404: errorResponse("No such incident"),
          },
        },
      },
    },
  };
}
