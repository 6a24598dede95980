// What counts as a secret, and what never does: the one masking module every path uses.
import { describe, expect, it } from "vitest";
import {
  maskBody,
  maskHeaders,
  maskSecretsInText,
  maskText,
  maskUrl,
} from "@/lib/security/secrets";

const JWT =
  "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhY2N0LTAwMDEiLCJzY29wZSI6Im9wZW5pZCJ9.c2lnbmF0dXJlLXBhcnQtMDEyMzQ1";

// One row per shape: the planted secret must be gone, and the count says how many were masked.
const SECRET_TEXTS: ReadonlyArray<readonly [string, string, string]> = [
  ["a JWT", `token ${JWT} was rejected`, JWT],
  ["a bearer credential", "Authorization: Bearer 4f9a8b7c6d5e4f3a2b1c0d", "4f9a8b7c6d5e4f3a2b1c0d"],
  ["a basic credential", "Authorization: Basic dXNlcjpodW50ZXIy", "dXNlcjpodW50ZXIy"],
  ["client_secret=", "POST /token client_secret=s3cr3t-value&grant_type=x", "s3cr3t-value"],
  ["password=", "login failed password=hunter2", "hunter2"],
  ['"key": "value"', '{"client_secret": "abc def 123"}', "abc def 123"],
  ["a header line", "x-auth-token: at-0a1b2c3d4e5f", "at-0a1b2c3d4e5f"],
  [
    "a Stripe key",
    "charge failed for sk_live_4eC39HqLyjWDarjtT1zdp7dc",
    "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
  ],
  ["an AWS key id", "AccessDenied for AKIAZ7QRSTUVWXYZ2345 today", "AKIAZ7QRSTUVWXYZ2345"],
  [
    "a GitHub token",
    "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 leaked",
    "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",
  ],
  [
    "a Slack token",
    "xoxb-123456789012-1234567890123-abcdefghij",
    "xoxb-123456789012-1234567890123-abcdefghij",
  ],
  ["a URL password", "db at postgres://app:pa55word@db.internal/pitstop", "pa55word"],
  [
    "a private key",
    "key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7bq\n-----END RSA PRIVATE KEY-----\nend",
    "MIIEowIBAAKCAQEA7bq",
  ],
];

describe("maskSecretsInText", () => {
  it.each(SECRET_TEXTS)("masks %s", (_, text, secret) => {
    const masked = maskSecretsInText(text);
    expect(masked.text).not.toContain(secret);
    expect(masked.text).toContain("****");
    expect(masked.masked).toBe(1);
  });

  it("keeps VINs, UUIDs, correlation ids, vendor error codes and prose as written", () => {
    const text =
      "403 INSUFFICIENT_SCOPE code=TSC-4003 for VIN JTMBFREVXRD100001 x-correlationid: 0b5e4c0e-8d7e-4a59-9d7b-1f2e3d4c5b6a " +
      "error=invalid_token token: expired password: EXPIRED_PASSWORD Bearer authentication failed token_type=bearer";
    expect(maskSecretsInText(text)).toEqual({ text, masked: 0 });
  });

  it("masks what it masked before without counting it again", () => {
    const once = maskText(`password=hunter2 Bearer ${JWT}`);
    expect(maskSecretsInText(once)).toEqual({ text: once, masked: 0 });
  });
});

describe("maskHeaders", () => {
  it("shows harmless headers as sent and masks every other, whatever its name", () => {
    expect(
      maskHeaders({
        "x-correlationid": "corr-1",
        "content-type": "application/json",
        "x-client-secret": "cs-0a1b2c3d4e5f6a7b8c9d",
        "api-key": "short",
        authorization: "Bearer 0a1b2c3d4e5f6a7b8c9d",
        location: "http://127.0.0.1:8000/callback?code=oauth-code-123456&state=s1",
      }),
    ).toEqual({
      "x-correlationid": "corr-1",
      "content-type": "application/json",
      "x-client-secret": "****8c9d",
      "api-key": "****",
      authorization: "Bearer ****8c9d",
      location: "http://127.0.0.1:8000/callback?code=****3456&state=s1",
    });
  });
});

describe("maskUrl", () => {
  it("masks secret-named query parameters and keeps the rest", () => {
    expect(
      maskUrl("http://h/v1/x?vin=JTMBFREVXRD100001&api_key=k-123456&X-Amz-Signature=abc"),
    ).toBe("http://h/v1/x?vin=JTMBFREVXRD100001&api_key=****&X-Amz-Signature=****");
  });
});

describe("maskBody", () => {
  it("masks credentials but never a vendor's error code", () => {
    expect(maskBody({ code: "FEATURE_NOT_AVAILABLE_IN_REGION", message: "x" })).toEqual({
      code: "FEATURE_NOT_AVAILABLE_IN_REGION",
      message: "x",
    });
    expect(maskBody({ grant_type: "authorization_code", code: "auth-code-123456789" })).toEqual({
      grant_type: "authorization_code",
      code: "****6789",
    });
    expect(maskBody({ nested: [{ "x-auth-token": "t", note: `use ${JWT}` }] })).toEqual({
      nested: [{ "x-auth-token": "****", note: "use ****MzQ1" }],
    });
  });
});
