// Two attack suites against the built app: forged session cookies must never let anyone in,
// and writes from another site must be refused before anything is stored. Counts are printed.
import { readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, type APIRequestContext } from "@playwright/test";
import { SignJWT, decodeJwt } from "jose";
import { ENTRY_POINTS } from "@/lib/auth/policy";
import { callServerAction, serverActions } from "./server-actions";
import { DEMO_EMAILS, DEMO_PASSWORD, test } from "./support";

const DATA_DIR = path.resolve("data/e2e");
const COOKIE = "pitstop_session";

type Session = { token: string; sid: string; sub: string };

/** Signs in through the sign-in route and returns the session cookie with its claims. */
async function signedIn(request: APIRequestContext, baseURL: string, email: string) {
  const response = await request.post("/sign-in/session", {
    headers: { Origin: baseURL },
    data: { email, password: DEMO_PASSWORD },
    timeout: 60_000,
  });
  expect(response.status(), `sign-in as ${email}`).toBe(200);
  const cookie = (await request.storageState()).cookies.find(({ name }) => name === COOKIE);
  const token = cookie!.value;
  const { sid, sub } = decodeJwt(token) as { sid: string; sub: string };
  return { token, sid, sub } satisfies Session;
}

const realSecret = () =>
  new TextEncoder().encode(readFileSync(path.join(DATA_DIR, "session-secret"), "utf8").trim());
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const now = () => Math.floor(Date.now() / 1000);

function signed(
  claims: Record<string, unknown>,
  key: Uint8Array,
  options: {
    alg?: string;
    issuer?: string | null;
    iat?: number;
    exp?: number;
    header?: object;
  } = {},
) {
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: options.alg ?? "HS256", ...options.header })
    .setIssuedAt(options.iat ?? now())
    .setExpirationTime(options.exp ?? now() + 3600);
  if (options.issuer !== null) jwt.setIssuer(options.issuer ?? "pitstop");
  return jwt.sign(key);
}

const unsigned = (claims: Record<string, unknown>) =>
  `${base64url({ alg: "none", typ: "JWT" })}.${base64url({ iss: "pitstop", iat: now(), exp: now() + 3600, ...claims })}.`;

function withPayload(token: string, change: (payload: Record<string, unknown>) => void) {
  const [header, payload, signature] = token.split(".") as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<
    string,
    unknown
  >;
  change(claims);
  return `${header}.${base64url(claims)}.${signature}`;
}

test("forged session cookies never let anyone in, on a page or the API", async ({
  playwright,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const sre = await signedIn(
    await playwright.request.newContext({ baseURL }),
    baseURL!,
    DEMO_EMAILS.sre,
  );
  const admin = await signedIn(
    await playwright.request.newContext({ baseURL }),
    baseURL!,
    DEMO_EMAILS.admin,
  );
  const revoked = await signedIn(
    await playwright.request.newContext({ baseURL }),
    baseURL!,
    DEMO_EMAILS.manager,
  );
  const lapsed = await signedIn(
    await playwright.request.newContext({ baseURL }),
    baseURL!,
    DEMO_EMAILS.supportLead,
  );
  const database = new Database(path.join(DATA_DIR, "pitstop.db"));
  // Stored as Prisma stores dates in SQLite: ISO text.
  const stamp = (at: number) => new Date(at).toISOString().replace("Z", "+00:00");
  database
    .prepare(`UPDATE "Session" SET "revokedAt" = ? WHERE id = ?`)
    .run(stamp(Date.now()), revoked.sid);
  database
    .prepare(`UPDATE "Session" SET "expiresAt" = ? WHERE id = ?`)
    .run(stamp(Date.now() - 1000), lapsed.sid);
  database.close();

  const secret = realSecret();
  const wrongKey = new TextEncoder().encode("x".repeat(48));
  const own = { sid: sre.sid };
  const [sreHead, srePayload] = sre.token.split(".");
  const forged: Array<[string, string | Promise<string>]> = [
    ["empty", ""],
    ["not a JWT", "not-a-jwt"],
    ["three dots of nothing", "a.b.c"],
    ["random parts", `${base64url("x")}.${base64url("y")}.${base64url("z")}`],
    ["10 KB of junk", "A".repeat(10_000)],
    ["alg none, the SRE's claims", unsigned({ sid: sre.sid, sub: sre.sub })],
    ["alg none, the admin's claims", unsigned({ sid: admin.sid, sub: admin.sub })],
    ["a wrong key", signed({ ...own, sub: sre.sub }, wrongKey)],
    ["a wrong key, the admin's claims", signed({ sid: admin.sid, sub: admin.sub }, wrongKey)],
    ["the key 'secret'", signed({ ...own, sub: sre.sub }, new TextEncoder().encode("secret"))],
    ["HS384 with the real key", signed({ ...own, sub: sre.sub }, secret, { alg: "HS384" })],
    ["HS512 with the real key", signed({ ...own, sub: sre.sub }, secret, { alg: "HS512" })],
    ["another issuer", signed({ ...own, sub: sre.sub }, secret, { issuer: "attacker" })],
    ["no issuer", signed({ ...own, sub: sre.sub }, secret, { issuer: null })],
    ["expired", signed({ ...own, sub: sre.sub }, secret, { iat: now() - 7200, exp: now() - 60 })],
    ["issued 10 minutes ahead", signed({ ...own, sub: sre.sub }, secret, { iat: now() + 600 })],
    ["no session id", signed({ sub: sre.sub }, secret)],
    ["no subject", signed(own, secret)],
    ["an unknown session", signed({ sid: "no-such-session", sub: sre.sub }, secret)],
    ["the SRE's session naming the admin", signed({ sid: sre.sid, sub: admin.sub }, secret)],
    ["the admin's session naming the SRE", signed({ sid: admin.sid, sub: sre.sub }, secret)],
    ["a numeric session id", signed({ sid: 1, sub: sre.sub }, secret)],
    [
      "a jku header",
      signed({ ...own, sub: sre.sub }, wrongKey, {
        header: { jku: "http://attacker.example/jwks" },
      }),
    ],
    ["payload changed to the admin", withPayload(sre.token, (claims) => (claims.sub = admin.sub))],
    [
      "payload moved to the admin's session",
      withPayload(sre.token, (claims) => (claims.sid = admin.sid)),
    ],
    [
      "payload's expiry pushed out",
      withPayload(sre.token, (claims) => (claims.exp = now() + 86_400 * 365)),
    ],
    ["signature stripped", `${sreHead}.${srePayload}.`],
    [
      "the admin's signature on the SRE's token",
      `${sreHead}.${srePayload}.${admin.token.split(".")[2]}`,
    ],
    ["a revoked session", revoked.token],
    ["a session past its expiry in the database", lapsed.token],
    ["two tokens joined", `${sre.token}${admin.token}`],
    ["a Bearer prefix", `Bearer ${sre.token}`],
  ];

  const anonymous = await playwright.request.newContext({ baseURL });
  const accepted: string[] = [];
  for (const [name, pending] of forged) {
    const headers = { Cookie: `${COOKIE}=${await pending}` };
    const page = await anonymous.get("/incidents", { headers, maxRedirects: 0 });
    if (!(
      page.status() >= 300 &&
      page.status() < 400 &&
      /\/sign-in/.test(page.headers().location ?? "")
    ))
      accepted.push(`${name}: page answered ${page.status()}`);
    const api = await anonymous.get("/api/v1/incidents", { headers });
    if (api.status() !== 401) accepted.push(`${name}: API answered ${api.status()}`);
  }
  console.log(
    `forged session tokens: ${forged.length} tried on a page and the API; ${accepted.length} let in`,
  );
  expect(accepted).toEqual([]);

  // The real cookie still works, so the refusals above are the forgery's, not a broken session.
  const genuine = await anonymous.get("/api/v1/incidents", {
    headers: { Cookie: `${COOKIE}=${sre.token}` },
  });
  expect(genuine.status()).toBe(200);
});

test("writes from another site are refused before anything is stored", async ({
  playwright,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const request = await playwright.request.newContext({ baseURL });
  await signedIn(request, baseURL!, DEMO_EMAILS.admin);
  const port = new URL(baseURL!).port;
  const marker = `xsite-${Date.now()}`;
  const origins: Array<[string, Record<string, string>]> = [
    ["another site", { Origin: "http://attacker.example" }],
    ["another site over https", { Origin: "https://attacker.example" }],
    ["an opaque origin", { Origin: "null" }],
    ["a look-alike host", { Origin: `http://127.0.0.1.attacker.example:${port}` }],
    ["the same host on another port", { Origin: "http://127.0.0.1:1" }],
    ["another name for this machine", { Origin: `http://localhost:${port}` }],
    [
      "another site that forges X-Forwarded-Host",
      { Origin: "http://attacker.example", "X-Forwarded-Host": "attacker.example" },
    ],
    ["no Origin at all", {}],
  ];
  const writes = Object.keys(ENTRY_POINTS)
    .filter((key) => /^(POST|PUT|PATCH|DELETE) /.test(key))
    .map((key) => key.split(" ") as [string, string]);
  const actions = [...serverActions().values()];

  const through: string[] = [];
  let tried = 0;
  for (const [name, headers] of origins) {
    for (const [method, pattern] of writes) {
      const url = pattern.replace(/\[[^\]]+\]/g, "xsite-probe");
      const response = await request.fetch(url, {
        method,
        headers: { ...headers, "Content-Type": "application/json" },
        data: {
          correlationId: `${marker}-${tried}`,
          title: marker,
          environment: "sandbox",
          tenant: "fleetco",
          errorString: marker,
          severity: "sev3",
          summary: marker,
          email: DEMO_EMAILS.admin,
          password: DEMO_PASSWORD,
        },
        maxRedirects: 0,
      });
      tried += 1;
      if (response.status() !== 403)
        through.push(`${method} ${pattern} from ${name}: ${response.status()}`);
    }
    for (const action of actions) {
      const response = await callServerAction(request, action, [null, {}], headers.Origin ?? null);
      tried += 1;
      if (response.status() !== 403)
        through.push(`action ${action.id} from ${name}: ${response.status()}`);
    }
  }
  console.log(
    `cross-site writes: ${tried} tried (${writes.length} routes and ${actions.length} actions from ${origins.length} origins); ${through.length} got through`,
  );
  expect(through).toEqual([]);

  const database = new Database(path.join(DATA_DIR, "pitstop.db"), { readonly: true });
  const stored = database
    .prepare(`SELECT COUNT(*) AS count FROM "Incident" WHERE "title" = ? OR "errorString" = ?`)
    .get(marker, marker) as { count: number };
  database.close();
  expect(stored.count).toBe(0);
});
