// Health, the OpenAPI document, and OAuth discovery (JWKS, OpenID configuration).
import { simulatorOpenApi } from "../openapi";
import type { RouteSpec } from "../route-spec";
import { AUDIENCE } from "../token-authority";
import { API_VERSIONS } from "../versions";

export const metaRoutes: RouteSpec[] = [
  {
    method: "GET",
    path: "/health",
    mount: "global",
    auth: "none",
    summary: "200 once the simulator is ready",
    tag: "Meta",
    responses: { 200: "Ready" },
    handler: () => ({ body: { status: "ok", apiVersions: API_VERSIONS.supported } }),
  },
  {
    method: "GET",
    path: "/openapi.json",
    mount: "global",
    auth: "none",
    summary: "This document",
    tag: "Meta",
    responses: { 200: "OpenAPI 3.1 document" },
    handler: () => ({ body: simulatorOpenApi() }),
  },
  {
    method: "GET",
    path: "/.well-known/jwks.json",
    mount: "environment",
    auth: "none",
    summary: "Public keys that verify access tokens, by kid",
    tag: "OAuth",
    responses: { 200: "JWK set" },
    handler: ({ env }) => ({
      body: env.authority.jwks(),
      headers: { "cache-control": "public, max-age=300" },
    }),
  },
  {
    method: "GET",
    path: "/.well-known/openid-configuration",
    mount: "environment",
    auth: "none",
    summary: "Issuer, endpoints, audience and supported scopes",
    tag: "OAuth",
    responses: { 200: "Discovery document" },
    handler: ({ env }) => ({
      body: {
        issuer: env.issuer,
        token_endpoint: `${env.issuer}/oauth2/token`,
        authorization_endpoint: `${env.issuer}/oauth2/authorize`,
        revocation_endpoint: `${env.issuer}/oauth2/revoke`,
        jwks_uri: `${env.issuer}/.well-known/jwks.json`,
        grant_types_supported: ["password", "authorization_code", "refresh_token"],
        scopes_supported: [...new Set(env.fleet.tenants.flatMap((tenant) => tenant.allowedScopes))],
        token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
        id_token_signing_alg_values_supported: ["ES256"],
        audience: AUDIENCE,
      },
    }),
  },
];
