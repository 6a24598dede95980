// The session cookie's JWT as currentUser reads it: a token our key signed is still refused
// when its issue time lies in the future beyond a minute of clock skew.
import { randomBytes } from "node:crypto";
import { SignJWT } from "jose";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { currentUser } from "@/lib/auth/session";
import { sessionSecret } from "@/lib/auth/secret";
import { db } from "@/lib/db/client";
import { userActor } from "@/tests/support/db-factories";

const jar = new Map<string, string>();
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { value: jar.get(name) } : undefined),
  }),
  headers: async () => new Headers(),
}));

/** A session row and a cookie for it whose JWT says it was issued `issuedInS` from now. */
async function sessionCookie(issuedInS: number): Promise<string> {
  const user = await userActor("sre");
  const expiresAt = new Date(Date.now() + 3_600_000);
  const session = await db.session.create({
    data: { id: randomBytes(18).toString("base64url"), userId: user.id, expiresAt },
  });
  return new SignJWT({ sid: session.id })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(user.id)
    .setIssuer("pitstop")
    .setIssuedAt(Math.floor(Date.now() / 1000) + issuedInS)
    .setExpirationTime(expiresAt)
    .sign(sessionSecret());
}

describe("session cookie", () => {
  beforeEach(() => jar.clear());

  it("is refused when issued more than a minute in the future", async () => {
    jar.set("pitstop_session", await sessionCookie(5 * 60));
    expect(await currentUser()).toBeNull();
  });

  it("is accepted within a minute of clock skew", async () => {
    jar.set("pitstop_session", await sessionCookie(30));
    expect(await currentUser()).toMatchObject({ kind: "user", role: "sre" });
  });
});
