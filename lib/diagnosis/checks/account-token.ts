// Login and token: the vendor's view of the account (revocations, password changes, pending
// verification), and a token for the account verified with jose against the vendor's JWKS:
// signature, exp, nbf, aud, iss, and its scopes against what the failing endpoint requires.
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from "jose";
import { skip, type CauseSignal, type CheckDefinition } from "../check";
import { requiredScopesFor } from "../endpoint-scopes";

export const accountTokenCheck: CheckDefinition = {
  id: "account_token",
  label: "Login, token and scopes",
  causes: ["account_auth", "missing_scope"],
  cost: 3,
  async run({ incident, vendor }) {
    if (!incident.accountRef)
      return skip("The incident names no account, so its login and token cannot be checked.");
    const environment = incident.environment;
    const [account, minted, jwks, discovery, trace] = await Promise.all([
      vendor.account(environment, incident.accountRef, incident.tenant),
      vendor.mintToken(environment, incident.tenant, incident.accountRef, incident.scopes),
      vendor.jwks(environment),
      vendor.discovery(environment),
      vendor.requestTrace(environment, incident.correlationId),
    ]);
    if (!account.ok)
      return {
        outcome: "error",
        summary: `Could not read the account from the vendor: ${account.problem}`,
        evidence: { problem: account.problem },
        signals: [],
      };
    const signals: CauseSignal[] = [];
    const evidence: Record<string, unknown> = { account: account.data };
    const { mode, since } = account.data.authState;
    if (mode !== "ok")
      signals.push({
        cause: "account_auth",
        weight: 3,
        why: `the vendor shows ${mode.replace(/_/g, " ")}${since ? ` since ${since}` : ""}`,
      });
    if (account.data.verification !== "verified")
      signals.push({
        cause: "account_auth",
        weight: 3,
        why: "the account's verification is pending",
      });

    if (minted.ok && jwks.ok && discovery.ok) {
      try {
        const { payload, protectedHeader } = await jwtVerify(
          minted.data.access_token,
          createLocalJWKSet(jwks.data as JSONWebKeySet),
          {
            issuer: discovery.data.issuer,
            audience: discovery.data.audience,
          },
        );
        const granted = String(payload.scope ?? "")
          .split(" ")
          .filter(Boolean);
        evidence.token = {
          kid: protectedHeader.kid,
          iss: payload.iss,
          aud: payload.aud,
          exp: payload.exp,
          nbf: payload.nbf,
          scope: granted,
        };
        const failingPath = trace.ok
          ? (trace.data.requests.find((request) => request.status >= 400) ?? trace.data.requests[0])
              ?.path
          : undefined;
        const required = failingPath
          ? await requiredScopesFor(
              vendor,
              failingPath,
              trace.ok ? trace.data.requests[0]?.method : undefined,
            )
          : [];
        const missing = required.filter((scope) => !granted.includes(scope));
        evidence.requiredScopes = required;
        if (missing.length)
          signals.push({
            cause: "missing_scope",
            weight: 3.5,
            why: `the token lacks ${missing.join(", ")}, which ${failingPath} requires`,
          });
        else if (required.length)
          signals.push({
            cause: "missing_scope",
            weight: -1.5,
            why: "the token holds every scope the endpoint requires",
          });
        const requested = incident.scopes.filter((scope) => !granted.includes(scope));
        if (requested.length)
          signals.push({
            cause: "missing_scope",
            weight: 2,
            why: `the vendor no longer grants ${requested.join(", ")} to this client`,
          });
      } catch (error) {
        evidence.tokenProblem = (error as Error).message;
        signals.push({
          cause: "account_auth",
          weight: 2,
          why: `a token for the account does not verify: ${(error as Error).message}`,
        });
      }
    } else {
      evidence.tokenProblem = !minted.ok
        ? minted.problem
        : !jwks.ok
          ? jwks.problem
          : !discovery.ok
            ? discovery.problem
            : null;
      if (!minted.ok && /invalid_grant|verification|password/i.test(minted.problem))
        signals.push({
          cause: "account_auth",
          weight: 2,
          why: `the vendor would not issue a token: ${minted.problem}`,
        });
    }
    const failing = signals.some((signal) => signal.weight > 0);
    if (!failing)
      signals.push({
        cause: "account_auth",
        weight: -1.5,
        why: "the account is in good standing and its token verifies",
      });
    return {
      outcome: failing ? "fail" : "pass",
      summary: failing
        ? signals
            .filter((signal) => signal.weight > 0)
            .map((signal) => signal.why)
            .join("; ")
        : "The account is in good standing; a token verifies against the JWKS with the needed scopes.",
      evidence,
      signals,
    };
  },
};
