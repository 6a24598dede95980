// The Smartcar face's part of the simulator's OpenAPI document, from the same route table
// that registers its routes.
import { z } from "zod";
import type { FaceAuth, FaceRoute } from "./route";
import { smartcarRoutes } from "./routes";

const SECURITY: Record<FaceAuth, Array<Record<string, string[]>>> = {
  none: [],
  client: [{ smartcarClient: [] }],
  bearer: [{ smartcarAccessToken: [] }],
  management: [{ smartcarManagement: [] }],
  management_bearer: [{ smartcarManagementBearer: [] }],
};

export const SMARTCAR_SECURITY_SCHEMES = {
  smartcarClient: {
    type: "http",
    scheme: "basic",
    description: "Smartcar face: client id and secret (sc-demo-client / sc-demo-secret)",
  },
  smartcarAccessToken: {
    type: "http",
    scheme: "bearer",
    description: "Smartcar face: a user's access token from /oauth/token",
  },
  smartcarManagement: {
    type: "http",
    scheme: "basic",
    description: 'Smartcar face: "default" and the application management token (sc-demo-amt)',
  },
  smartcarManagementBearer: {
    type: "http",
    scheme: "bearer",
    description: "Smartcar face: the application management token as a bearer token",
  },
};

const jsonSchema = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });

// Connect's query is read by hand (its failures are pages), so its parameters are listed here.
const CONNECT_QUERY = ["response_type", "client_id", "redirect_uri", "scope"];

function operation(route: FaceRoute) {
  const parameters: unknown[] = [
    {
      name: "environment",
      in: "path",
      required: true,
      schema: { type: "string", enum: ["sandbox", "prod"] },
    },
  ];
  for (const name of [...route.path.matchAll(/:(\w+)/g)].map((match) => match[1]))
    parameters.push({ name, in: "path", required: true, schema: { type: "string" } });
  if (route.query) {
    const properties =
      (jsonSchema(route.query) as { properties?: Record<string, unknown> }).properties ?? {};
    for (const [name, schema] of Object.entries(properties))
      parameters.push({ name, in: "query", required: false, schema });
  }
  if (route.path === "/oauth/authorize")
    for (const name of [...CONNECT_QUERY, "state", "mode"])
      parameters.push({
        name,
        in: "query",
        required: CONNECT_QUERY.includes(name),
        schema: { type: "string" },
      });
  const contentType =
    route.bodyType === "form" ? "application/x-www-form-urlencoded" : "application/json";
  return {
    summary: route.summary,
    tags: [route.tag],
    security: SECURITY[route.auth],
    ...(route.permission ? { "x-smartcar-permission": route.permission } : {}),
    parameters,
    ...(route.body || route.bodyType
      ? {
          requestBody: {
            required: true,
            content: {
              [contentType]: { schema: route.body ? jsonSchema(route.body) : { type: "object" } },
            },
          },
        }
      : {}),
    responses: Object.fromEntries(
      Object.entries(route.responses).map(([status, description]) => [status, { description }]),
    ),
  };
}

export function smartcarOpenApiPaths(): Record<string, Record<string, unknown>> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of smartcarRoutes) {
    const path = `/smartcar/{environment}${route.path.replace(/:(\w+)/g, "{$1}")}`;
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route) };
  }
  return paths;
}
