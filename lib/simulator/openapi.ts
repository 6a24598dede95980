// The simulator's OpenAPI 3.1 document, generated from the same route table that registers
// the routes, with request schemas converted from their zod definitions.
import { z } from "zod";
import type { RouteSpec } from "./route-spec";
import { simulatorRoutes } from "./routes";
import { SMARTCAR_SECURITY_SCHEMES, smartcarOpenApiPaths } from "./smartcar/openapi";

const SECURITY: Record<RouteSpec["auth"], Array<Record<string, string[]>>> = {
  none: [],
  api_key: [{ apiKey: [] }],
  bearer: [{ apiKey: [], bearer: [] }],
  admin: [{ adminKey: [] }],
  console: [{ apiKey: [] }, { adminKey: [] }],
};

const jsonSchema = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });

/** "/v1/vehicles/:vin/status" → "/v1/vehicles/{vin}/status" */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, "{$1}");

function operation(spec: RouteSpec) {
  const parameters: unknown[] = [];
  if (spec.mount === "environment")
    parameters.push({
      name: "environment",
      in: "path",
      required: true,
      schema: { type: "string", enum: ["sandbox", "prod"] },
    });
  for (const name of [...spec.path.matchAll(/:(\w+)/g)].map((match) => match[1]))
    parameters.push({ name, in: "path", required: true, schema: { type: "string" } });
  if (spec.query) {
    const properties =
      (jsonSchema(spec.query) as { properties?: Record<string, unknown> }).properties ?? {};
    for (const [name, schema] of Object.entries(properties))
      parameters.push({ name, in: "query", required: false, schema });
  }
  if (spec.api) {
    parameters.push(
      {
        name: "x-api-version",
        in: "header",
        required: true,
        schema: { type: "string", examples: ["2025-09-01"] },
      },
      {
        name: "x-app-version",
        in: "header",
        required: false,
        schema: { type: "string", examples: ["3.4.0"] },
      },
    );
  }
  parameters.push({
    name: "x-correlationid",
    in: "header",
    required: false,
    description: "Echoed on the response; generated when absent",
    schema: { type: "string" },
  });
  const contentType =
    spec.bodyType === "form" ? "application/x-www-form-urlencoded" : "application/json";
  return {
    summary: spec.summary,
    tags: [spec.tag],
    security: SECURITY[spec.auth],
    ...(spec.requiredScopes?.length ? { "x-required-scopes": spec.requiredScopes } : {}),
    parameters,
    ...(spec.body || spec.bodyType
      ? {
          requestBody: {
            required: true,
            content: {
              [contentType]: { schema: spec.body ? jsonSchema(spec.body) : { type: "object" } },
            },
          },
        }
      : {}),
    responses: Object.fromEntries(
      Object.entries(spec.responses).map(([status, description]) => [status, { description }]),
    ),
  };
}

export function simulatorOpenApi() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of simulatorRoutes) {
    const path = `${spec.mount === "environment" ? "/{environment}" : ""}${openApiPath(spec.path)}`;
    paths[path] = { ...paths[path], [spec.method.toLowerCase()]: operation(spec) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Pitstop telematics simulator",
      version: "2025-09-01",
      description:
        "A simulated Toyota-style connected-services API with sandbox and prod environments. Every response echoes x-correlationid; /v1 responses carry X-RateLimit-Limit/Remaining/Reset. Errors: {status, code, message, correlationId, details}; OAuth endpoints answer RFC 6749 errors. Under /smartcar/{environment}, a Smartcar-compatible face (one base for all of the Smartcar SDK's origins): every answer carries sc-request-id; errors come in Smartcar's v2.0 envelope {type, code, description, docURL, statusCode, requestId, resolution, suggestedUserMessage}.",
    },
    components: {
      securitySchemes: {
        apiKey: { type: "apiKey", in: "header", name: "x-api-key" },
        bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
        adminKey: { type: "apiKey", in: "header", name: "x-admin-key" },
        ...SMARTCAR_SECURITY_SCHEMES,
      },
    },
    paths: { ...paths, ...smartcarOpenApiPaths() },
  };
}
