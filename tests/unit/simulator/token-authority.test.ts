// The token authority's cache of verified tokens: it keeps authenticated calls free of signature
// checks, so it must never outlive what a fresh verification would say (expiry, key retirement).
import { afterEach, describe, expect, it, vi } from "vitest";
import { TokenAuthority } from "@/lib/simulator/token-authority";

async function authority(): Promise<TokenAuthority> {
  const made = new TokenAuthority("sandbox", "http://127.0.0.1/sandbox");
  await made.rotate(false);
  return made;
}

const input = {
  sub: "acc_1",
  clientId: "fleetco-sandbox",
  scopes: ["account:read", "vehicle:read"],
  ttlS: 60,
};

afterEach(() => vi.useRealTimers());

describe("verified-token cache", () => {
  it("knows a token only once it has been verified, with its scopes split", async () => {
    const tokens = await authority();
    const { token } = await tokens.issue(input);
    expect(tokens.verifiedBefore(token)).toBeUndefined();
    const claims = await tokens.verify(token);
    expect(claims.scopes).toEqual(["account:read", "vehicle:read"]);
    expect(tokens.verifiedBefore(token)).toBe(claims);
  });

  it("forgets a cached token the moment it expires, and verify then says it expired", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const tokens = await authority();
    const { token, claims } = await tokens.issue(input);
    await tokens.verify(token);
    expect(tokens.verifiedBefore(token, claims.exp * 1000 - 1)).toBeDefined();
    expect(tokens.verifiedBefore(token, claims.exp * 1000)).toBeUndefined();
    vi.setSystemTime(claims.exp * 1000);
    await expect(tokens.verify(token)).rejects.toMatchObject({
      status: 401,
      code: "INVALID_TOKEN",
      message: "The access token expired.",
    });
  });

  it("forgets every cached token when their signing key is retired", async () => {
    const tokens = await authority();
    const { token } = await tokens.issue(input);
    await tokens.verify(token);
    await tokens.rotate(true);
    expect(tokens.verifiedBefore(token)).toBeUndefined();
    await expect(tokens.verify(token)).rejects.toMatchObject({
      code: "INVALID_TOKEN",
      message: "The access token was signed with a key that is no longer valid.",
    });
  });

  it("never caches a token whose signature does not verify", async () => {
    const tokens = await authority();
    const { token } = await tokens.issue(input);
    const [head, body, signature] = token.split(".");
    const forged = `${head}.${body}.${signature!.slice(0, -4)}AAAA`;
    await expect(tokens.verify(forged)).rejects.toMatchObject({ code: "INVALID_TOKEN" });
    expect(tokens.verifiedBefore(forged)).toBeUndefined();
  });
});
