// The admin's part of the OpenAPI document: users and API tokens (admin role only).
import { errorResponse, idParam, inputSchema, jsonContent } from "./openapi-parts";
import { apiTokenInputSchema } from "@/lib/auth/api-tokens";
import { ROLES } from "@/lib/auth/roles";
import { newUserSchema, USER_STATUSES, userUpdateSchema } from "@/lib/users/schema";

const refusedToOthers = {
  401: errorResponse("No valid bearer token (also an expired or revoked one)"),
  403: errorResponse("Only admins manage users and tokens"),
};
const dateTime = (nullable: boolean) => ({
  type: nullable ? ["string", "null"] : "string",
  format: "date-time",
});

const user = {
  type: "object",
  required: ["id", "name", "email", "role", "status", "createdAt"],
  properties: {
    id: { type: "string" },
    name: { type: "string" },
    email: { type: "string" },
    role: { type: "string", enum: [...ROLES] },
    status: {
      type: "string",
      enum: [...USER_STATUSES],
      description: "invited: has not yet set a password through their link",
    },
    disabledAt: dateTime(true),
    lastSignInAt: dateTime(true),
    createdAt: dateTime(false),
  },
};
const inviteLink = {
  invitePath: { type: "string", description: "/invite/<token>: shown in this answer only" },
  inviteUrl: { type: ["string", "null"] },
  inviteExpiresAt: dateTime(false),
};
const apiToken = {
  type: "object",
  required: ["id", "name", "role", "prefix", "state", "createdAt"],
  properties: {
    id: { type: "string" },
    name: { type: "string" },
    role: { type: "string", enum: [...ROLES] },
    prefix: { type: "string", description: "the token starts pst_<prefix>_" },
    state: { type: "string", enum: ["active", "expired", "revoked"] },
    createdAt: dateTime(false),
    createdBy: { type: ["string", "null"] },
    lastUsedAt: dateTime(true),
    expiresAt: dateTime(true),
    revokedAt: dateTime(true),
  },
};

export function adminPaths() {
  return {
    "/api/v1/users": {
      get: {
        summary: "Every user with role, status and last sign-in",
        responses: { 200: { description: "{items: User[]}" }, ...refusedToOthers },
      },
      post: {
        summary:
          "Add a user: with password set directly, or without one invited with a one-time link (72 h) shown in this answer only",
        requestBody: { required: true, content: jsonContent(inputSchema(newUserSchema)) },
        responses: {
          201: {
            description: "The user, and the invite link when no password was given",
            content: jsonContent({ ...user, properties: { ...user.properties, ...inviteLink } }),
          },
          400: errorResponse("A field is invalid (named in fields)"),
          ...refusedToOthers,
          409: errorResponse("email already belongs to a user"),
          429: errorResponse("Password hashing is busy; Retry-After says when to retry"),
        },
      },
    },
    "/api/v1/users/{id}": {
      patch: {
        summary:
          "Change role, disabled or password (any of them); disabling or a new password ends the user's sessions",
        parameters: [idParam],
        requestBody: { required: true, content: jsonContent(inputSchema(userUpdateSchema)) },
        responses: {
          200: { description: "The user", content: jsonContent(user) },
          400: errorResponse("A field is invalid or none is given (named in fields)"),
          ...refusedToOthers,
          404: errorResponse("No such user"),
          409: errorResponse(
            "The change would leave no active admin, or the user changed meanwhile",
          ),
          429: errorResponse("Password hashing is busy; Retry-After says when to retry"),
        },
      },
    },
    "/api/v1/users/{id}/invite": {
      post: {
        summary: "A new one-time link for the user (no body); their earlier links stop working",
        parameters: [idParam],
        responses: {
          201: {
            description: "The link, shown once",
            content: jsonContent({ type: "object", properties: inviteLink }),
          },
          ...refusedToOthers,
          404: errorResponse("No such user"),
          409: errorResponse("The user is disabled"),
        },
      },
    },
    "/api/v1/tokens": {
      get: {
        summary: "Every API token (never its secret) with role, last use, expiry and state",
        responses: { 200: { description: "{items: ApiToken[]}" }, ...refusedToOthers },
      },
      post: {
        summary: "Create a token; without expiresInDays (or null) it does not expire",
        requestBody: { required: true, content: jsonContent(inputSchema(apiTokenInputSchema)) },
        responses: {
          201: {
            description: "The token record and `token`, the secret, shown in this answer only",
            content: jsonContent({
              ...apiToken,
              properties: { ...apiToken.properties, token: { type: "string" } },
            }),
          },
          400: errorResponse("A field is invalid (named in fields)"),
          ...refusedToOthers,
        },
      },
    },
    "/api/v1/tokens/{id}": {
      delete: {
        summary: "Revoke a token: from then on it answers 401",
        parameters: [idParam],
        responses: {
          200: { description: "The revoked token", content: jsonContent(apiToken) },
          ...refusedToOthers,
          404: errorResponse("No such token"),
          409: errorResponse("Already revoked"),
        },
      },
    },
  };
}
