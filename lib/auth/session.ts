import "server-only";
// Browser sessions. The cookie holds a short-lived HS256 JWT (jose) naming a Session row; the
// row lets sign-out and password changes revoke a session before its JWT expires.
import { randomBytes } from "node:crypto";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { SignJWT, jwtVerify } from "jose";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { servedOverHttps } from "./client-address";
import { can, type Action, type Actor } from "./policy";
import { REQUESTED_PATH_HEADER, signInHref } from "./return-path";
import { ROLE_LABELS, roleSchema } from "./roles";
import { sessionSecret } from "./secret";

export const SESSION_LIFETIME_HOURS = 8;
const SECURE_COOKIE = "__Host-pitstop_session";
const PLAIN_COOKIE = "pitstop_session";
const ISSUER = "pitstop";
const CLOCK_SKEW_S = 60;

const sessionClaimsSchema = z.object({ sid: z.string().min(1), sub: z.string().min(1) });

export type SessionUser = Actor & { kind: "user"; email: string; sessionId: string };

export async function startSession(userId: string): Promise<void> {
  const requestHeaders = await headers();
  const expiresAt = new Date(Date.now() + SESSION_LIFETIME_HOURS * 3_600_000);
  const session = await db.session.create({
    data: {
      id: randomBytes(18).toString("base64url"),
      userId,
      expiresAt,
      userAgent: requestHeaders.get("user-agent")?.slice(0, 300) ?? null,
    },
  });
  const token = await new SignJWT({ sid: session.id })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(expiresAt)
    .sign(sessionSecret());
  const secure = servedOverHttps(requestHeaders);
  (await cookies()).set(secure ? SECURE_COOKIE : PLAIN_COOKIE, token, {
    httpOnly: true,
    secure,
    sameSite: "lax",
    path: "/",
    expires: expiresAt,
  });
}

async function readSessionClaims(token: string | undefined) {
  if (!token) return null;
  try {
    // A token issued in the future was not issued by this clock (beyond a minute of skew).
    const { payload } = await jwtVerify(token, sessionSecret(), {
      issuer: ISSUER,
      algorithms: ["HS256"],
      maxTokenAge: `${SESSION_LIFETIME_HOURS}h`,
      clockTolerance: CLOCK_SKEW_S,
    });
    const claims = sessionClaimsSchema.safeParse(payload);
    return claims.success ? claims.data : null;
  } catch {
    return null;
  }
}

/** The signed-in user for this request, or null. Checked against the database every time. */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const jar = await cookies();
  const claims = await readSessionClaims(
    jar.get(SECURE_COOKIE)?.value ?? jar.get(PLAIN_COOKIE)?.value,
  );
  if (!claims) return null;
  const session = await db.session.findUnique({
    where: { id: claims.sid },
    include: { user: true },
  });
  if (!session || session.userId !== claims.sub) return null;
  if (session.revokedAt || session.expiresAt <= new Date()) return null;
  if (session.user.passwordChangedAt > session.createdAt) return null;
  // Disabling also revokes the rows; checking here too makes it hold from the same instant.
  if (session.user.disabledAt) return null;
  const role = roleSchema.safeParse(session.user.role);
  if (!role.success) return null;
  return {
    kind: "user",
    id: session.user.id,
    label: session.user.name,
    email: session.user.email,
    role: role.data,
    sessionId: session.id,
  };
});

/**
 * For pages and actions: the signed-in user, or a redirect to the sign-in page that comes
 * back to the page asked for.
 */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(signInHref((await headers()).get(REQUESTED_PATH_HEADER)));
  return user;
}

/** For pages: the signed-in user allowed `action`, or the 403 page (forbidden.tsx). */
export async function requirePermission(action: Action): Promise<SessionUser> {
  const user = await requireUser();
  if (!can(user, action)) forbidden();
  return user;
}

/** The role to name on a refusal page. */
export async function viewerRoleLabel(): Promise<string> {
  const user = await currentUser();
  return user ? ROLE_LABELS[user.role] : "signed-out";
}

/**
 * After a password change, which invalidates every session begun before it: this browser
 * carries on in a fresh session and its old one ends.
 */
export async function renewSession(user: SessionUser): Promise<void> {
  await db.session.update({ where: { id: user.sessionId }, data: { revokedAt: new Date() } });
  await startSession(user.id);
}

export async function endSession(): Promise<void> {
  const user = await currentUser();
  if (user) {
    await db.session.update({ where: { id: user.sessionId }, data: { revokedAt: new Date() } });
  }
  const jar = await cookies();
  jar.delete(PLAIN_COOKIE);
  jar.delete({ name: SECURE_COOKIE, path: "/", secure: true });
}
