// Vendor connections in the OpenAPI document (admin only): secrets are write-only, reported as
// set / not set, and "test" makes each call the connection depends on.
import { errorResponse, idParam, inputSchema, jsonContent } from "./openapi-parts";
import { VENDOR_KINDS } from "@/lib/vendors/constants";
import { vendorConnectionInputSchema, vendorConnectionPatchSchema } from "@/lib/vendors/schema";

const refused = {
  401: errorResponse("No valid bearer token"),
  403: errorResponse("Only admins manage vendor connections"),
};
const nullableString = { type: ["string", "null"] };
const dateTime = { type: "string", format: "date-time" };

const connection = {
  type: "object",
  required: ["id", "name", "kind", "environment", "origins", "secrets", "isDefault"],
  properties: {
    id: { type: "string" },
    name: { type: "string" },
    kind: { type: "string", enum: [...VENDOR_KINDS] },
    environment: { type: "string", enum: ["sandbox", "prod"] },
    baseUrl: nullableString,
    authOrigin: nullableString,
    apiOrigin: nullableString,
    v3Origin: nullableString,
    managementOrigin: nullableString,
    origins: {
      type: "object",
      description:
        "The URLs really used: for a simulator {kind, baseUrl} (blank baseUrl follows SIMULATOR_URL); for Smartcar {kind, authOrigin, apiOrigin, v3Origin, managementOrigin} (each: its own, else baseUrl, else real Smartcar's)",
    },
    clientId: nullableString,
    secrets: {
      type: "object",
      description: "Whether each write-only secret is set; the values are never returned",
      properties: Object.fromEntries(
        ["clientSecret", "managementToken", "adminKey", "tenantKeys"].map((name) => [
          name,
          { type: "boolean" },
        ]),
      ),
    },
    tenants: { type: "array", items: { type: "string" }, description: "tenants with a key" },
    isDefault: { type: "boolean" },
    incidentCount: { type: "integer" },
    accountLinks: {
      type: "array",
      description:
        "Linked Smartcar accounts: {id, label, smartcarUserId, scopes, accessExpiresAt, refreshExpiresAt, lastError, lastErrorAt, createdAt, updatedAt}; never a token",
      items: { type: "object" },
    },
    createdBy: nullableString,
    createdAt: dateTime,
    updatedAt: dateTime,
  },
};

const testReport = {
  type: "object",
  required: ["connectionId", "ok", "steps"],
  properties: {
    connectionId: { type: "string" },
    name: { type: "string" },
    kind: { type: "string" },
    ok: { type: "boolean", description: "no step failed" },
    testedAt: dateTime,
    steps: {
      type: "array",
      items: {
        type: "object",
        required: ["call", "outcome", "detail", "durationMs"],
        properties: {
          call: { type: "string", description: 'e.g. "GET http://127.0.0.1:4010/health"' },
          outcome: { type: "string", enum: ["pass", "fail", "skip"] },
          detail: { type: "string", description: "what the call proved, or how it failed" },
          durationMs: { type: "integer" },
        },
      },
    },
  },
};

export function vendorConnectionPaths() {
  return {
    "/api/v1/vendor-connections": {
      get: {
        summary: "Every vendor connection, secrets only as set / not set",
        responses: { 200: { description: "{items: VendorConnection[]}" }, ...refused },
      },
      post: {
        summary: "Add a connection; secrets are stored encrypted (AES-256-GCM) and never returned",
        requestBody: {
          required: true,
          content: jsonContent(inputSchema(vendorConnectionInputSchema)),
        },
        responses: {
          201: { description: "The connection", content: jsonContent(connection) },
          400: errorResponse(
            "A field is invalid, taken, or belongs to the other kind (named in fields)",
          ),
          ...refused,
        },
      },
    },
    "/api/v1/vendor-connections/{id}": {
      get: {
        summary: "One connection with its linked Smartcar accounts",
        parameters: [idParam],
        responses: {
          200: { description: "The connection", content: jsonContent(connection) },
          ...refused,
          404: errorResponse("No such connection"),
        },
      },
      patch: {
        summary:
          "Change any fields; a secret left out or blank is kept, null clears it; the kind is fixed",
        parameters: [idParam],
        requestBody: {
          required: true,
          content: jsonContent(inputSchema(vendorConnectionPatchSchema)),
        },
        responses: {
          200: { description: "The connection", content: jsonContent(connection) },
          400: errorResponse("A field is invalid (named in fields)"),
          ...refused,
          404: errorResponse("No such connection"),
        },
      },
      delete: {
        summary: "Delete a connection (and its linked accounts)",
        parameters: [idParam],
        responses: {
          204: { description: "Deleted" },
          ...refused,
          404: errorResponse("No such connection"),
          409: errorResponse("It is the default (is_default) or incidents name it (in_use)"),
        },
      },
    },
    "/api/v1/vendor-connections/{id}/test": {
      post: {
        summary:
          "Make each call the connection depends on (simulator: health, status, admin key, each tenant key; Smartcar: client credentials, management token, each linked account's /v2.0/user) and say what works",
        parameters: [idParam],
        responses: {
          200: { description: "The report, call by call", content: jsonContent(testReport) },
          ...refused,
          404: errorResponse("No such connection"),
        },
      },
    },
  };
}
