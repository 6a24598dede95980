// The policy matrix, generated from the code: every route handler, page and server action found
// under app/ must be in the policy's entry table, and every role must be refused or let in there
// exactly as the table and the grants say. Requests carry no usable input, so nothing is written.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { expect, type APIRequestContext, type APIResponse } from "@playwright/test";
import { can, ENTRY_POINTS, type EntryAccess } from "@/lib/auth/policy";
import { ROLES, type Role } from "@/lib/auth/roles";
import { callServerAction, serverActions, signedInRequest } from "./server-actions";
import { DEMO_EMAILS, test } from "./support";

const HTTP_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
const ROLE_EMAILS: Record<Role, string> = {
  sre: DEMO_EMAILS.sre,
  support_lead: DEMO_EMAILS.supportLead,
  manager: DEMO_EMAILS.manager,
  admin: DEMO_EMAILS.admin,
};
const REFUSED = "may not do this";

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(file);
    else if (/\.tsx?$/.test(entry.name)) yield file;
  }
}

/** The URL path a file under app/ serves: route groups "(name)" are not part of it. */
function urlPath(file: string): string {
  const segments = path
    .dirname(path.relative("app", file))
    .split(path.sep)
    .filter((segment) => segment !== "." && !/^\(.*\)$/.test(segment));
  return `/${segments.join("/")}`;
}

function exportedNames(source: ts.SourceFile): string[] {
  const exported = (node: ts.Node) =>
    ts.canHaveModifiers(node) &&
    (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
  return source.statements.flatMap((statement) => {
    if (!exported(statement)) return [];
    if (ts.isFunctionDeclaration(statement) && statement.name) return [statement.name.text];
    if (ts.isVariableStatement(statement))
      return statement.declarationList.declarations.flatMap((declaration) =>
        ts.isIdentifier(declaration.name) ? [declaration.name.text] : [],
      );
    return [];
  });
}

const usesServer = (source: ts.SourceFile) => {
  const first = source.statements[0];
  return (
    first !== undefined &&
    ts.isExpressionStatement(first) &&
    ts.isStringLiteral(first.expression) &&
    first.expression.text === "use server"
  );
};

/** Every entry point in app/, named the way ENTRY_POINTS names it. */
function entryPointsInCode(): string[] {
  const found: string[] = [];
  for (const file of sourceFiles("app")) {
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
    const name = path.basename(file);
    if (name === "route.ts")
      for (const method of exportedNames(source).filter((e) => HTTP_METHODS.has(e)))
        found.push(`${method} ${urlPath(file)}`);
    if (name === "page.tsx") found.push(`page ${urlPath(file)}`);
    if (usesServer(source))
      for (const action of exportedNames(source))
        found.push(`action ${file.split(path.sep).join("/")}#${action}`);
  }
  return found;
}

const cells = (kind: "route" | "page" | "action") =>
  Object.entries(ENTRY_POINTS).filter(([key]) =>
    kind === "route" ? !/^(page|action) /.test(key) : key.startsWith(`${kind} `),
  );
const concrete = (pattern: string) => pattern.replace(/\[[^\]]+\]/g, "matrix-probe");
const allowed = (access: EntryAccess, role: Role) =>
  access === "public" || access === "signed_in" || can({ role }, access);

function createToken(role: Role): string {
  return execFileSync(
    "./bin/pitstop",
    ["token", "create", "--name", `matrix-${role}`, "--role", role],
    {
      env: { ...process.env, PITSTOP_DATA_DIR: path.resolve("data/e2e") },
      encoding: "utf8",
    },
  ).trim();
}

/** What went wrong for one cell, or null when the answer is the one the policy asks for. */
function mismatch(cell: string, who: string, response: APIResponse, expected: string, ok: boolean) {
  return ok ? null : `${cell} as ${who}: expected ${expected}, got ${response.status()}`;
}

test("every route, page and server action in app/ is covered by the policy table", () => {
  const inCode = entryPointsInCode();
  const inTable = Object.keys(ENTRY_POINTS);
  const count = (prefix: RegExp) => inCode.filter((key) => prefix.test(key)).length;
  console.log(
    `policy matrix: ${count(/^[A-Z]+ /)} route methods, ${count(/^page /)} pages, ${count(/^action /)} server actions in app/; ${inTable.length} table entries, ${ROLES.length} roles`,
  );
  expect(
    inCode.filter((key) => !inTable.includes(key)),
    "entry points the policy table does not cover",
  ).toEqual([]);
  expect(
    inTable.filter((key) => !inCode.includes(key)),
    "table entries with no code behind them",
  ).toEqual([]);
});

test.describe("each role is refused exactly where the policy says", () => {
  test.describe.configure({ timeout: 240_000 });

  test("route handlers: 401 without credentials, 403 for a denied role", async ({
    playwright,
    baseURL,
  }) => {
    const problems: string[] = [];
    let checked = 0;
    const callers: Array<[string, Role | null, APIRequestContext]> = [
      // Same-site Origin on every call: this matrix is about roles; cross-site has its own suite.
      [
        "no credentials",
        null,
        await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL! } }),
      ],
      ...(await Promise.all(
        ROLES.map(async (role) => {
          const context = await playwright.request.newContext({
            baseURL,
            extraHTTPHeaders: { Authorization: `Bearer ${createToken(role)}`, Origin: baseURL! },
          });
          return [`token ${role}`, role, context] as [string, Role, APIRequestContext];
        }),
      )),
    ];
    for (const [cell, access] of cells("route")) {
      const [method, pattern] = cell.split(" ") as [string, string];
      for (const [who, role, request] of callers) {
        const response = await request.fetch(concrete(pattern), { method, maxRedirects: 0 });
        const status = response.status();
        checked += 1;
        const problem =
          access === "public"
            ? mismatch(
                cell,
                who,
                response,
                "neither 401/403 nor 5xx",
                ![401, 403].includes(status) && status < 500,
              )
            : role === null
              ? mismatch(cell, who, response, "401", status === 401)
              : allowed(access, role)
                ? mismatch(
                    cell,
                    who,
                    response,
                    "neither 401/403 nor 5xx",
                    ![401, 403].includes(status) && status < 500,
                  )
                : mismatch(cell, who, response, "403", status === 403);
        if (problem) problems.push(problem);
      }
    }
    console.log(`policy matrix: ${checked} route cells checked`);
    expect(problems).toEqual([]);
  });

  test("pages: the sign-in page when signed out, the 403 page for a denied role", async ({
    browser,
    playwright,
    baseURL,
  }) => {
    const problems: string[] = [];
    let checked = 0;
    const anonymous = await playwright.request.newContext({ baseURL });
    for (const role of [null, ...ROLES] as const) {
      const request = role ? await signedInRequest(browser, ROLE_EMAILS[role]) : anonymous;
      const who = role ?? "signed-out visitor";
      for (const [cell, access] of cells("page")) {
        const response = await request.get(concrete(cell.slice("page ".length)), {
          maxRedirects: 0,
        });
        const status = response.status();
        checked += 1;
        const problem =
          access === "public"
            ? mismatch(cell, who, response, "an answer", status < 400)
            : role === null
              ? mismatch(
                  cell,
                  who,
                  response,
                  "a redirect to sign in",
                  status >= 300 &&
                    status < 400 &&
                    /\/sign-in/.test(response.headers().location ?? ""),
                )
              : allowed(access, role)
                ? mismatch(cell, who, response, "not 403 nor 5xx", status !== 403 && status < 500)
                : mismatch(cell, who, response, "403", status === 403);
        if (problem) problems.push(problem);
      }
    }
    console.log(`policy matrix: ${checked} page cells checked`);
    expect(problems).toEqual([]);
  });

  test("server actions: a typed refusal for a denied role, never a 500", async ({
    browser,
    baseURL,
  }) => {
    const problems: string[] = [];
    let checked = 0;
    const built = serverActions();
    for (const role of ROLES) {
      const request = await signedInRequest(browser, ROLE_EMAILS[role]);
      for (const [cell, access] of cells("action")) {
        const action = built.get(cell.slice("action ".length));
        if (!action) {
          problems.push(`${cell}: not in the build's server action manifest`);
          continue;
        }
        // No arguments: a shape no action accepts, so an allowed call is refused as bad input.
        const response = await callServerAction(request, action, [], baseURL!);
        const answer = `${decodeURIComponent(response.headers()["x-action-redirect"] ?? "")} ${await response.text()}`;
        checked += 1;
        const problem =
          response.status() >= 500
            ? `${cell} as ${role}: answered ${response.status()}`
            : allowed(access, role)
              ? answer.includes(REFUSED)
                ? `${cell} as ${role}: refused although the policy allows it`
                : null
              : answer.includes(REFUSED)
                ? null
                : `${cell} as ${role}: not refused (${response.status()})`;
        if (problem) problems.push(problem);
      }
    }
    console.log(`policy matrix: ${checked} server action cells checked`);
    expect(problems).toEqual([]);
  });
});
