// Pages carry a Content-Security-Policy whose script nonce changes on every response, and
// refuse framing; API answers refuse sniffing and framing too. HSTS only behind HTTPS.
import { expect } from "@playwright/test";
import { test } from "./support";

function directives(policy: string | undefined): Map<string, string> {
  return new Map(
    (policy ?? "")
      .split(";")
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [name, ...values] = part.split(/\s+/);
        return [name!, values.join(" ")];
      }),
  );
}

test("a page carries a nonce CSP, frame refusal, nosniff and a referrer policy", async ({
  request,
}) => {
  const first = await request.get("/sign-in");
  const second = await request.get("/sign-in");
  const policy = directives(first.headers()["content-security-policy"]);
  const nonce = /'nonce-([^']+)'/.exec(policy.get("script-src") ?? "")?.[1];
  expect(nonce, "script-src names a nonce").toBeTruthy();
  expect(second.headers()["content-security-policy"]).not.toContain(nonce);
  expect(await first.text()).toContain(`nonce="${nonce}"`);
  expect(policy.get("script-src")).not.toContain("'unsafe-inline'");
  expect(policy.get("frame-ancestors")).toBe("'none'");
  expect(policy.get("object-src")).toBe("'none'");
  expect(first.headers()["x-frame-options"]).toBe("DENY");
  expect(first.headers()["x-content-type-options"]).toBe("nosniff");
  expect(first.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(first.headers()["strict-transport-security"]).toBeUndefined();
});

test("a page asked for with a forged X-Forwarded-Proto gets no HSTS", async ({ request }) => {
  const response = await request.get("/sign-in", { headers: { "x-forwarded-proto": "https" } });
  expect(response.headers()["strict-transport-security"]).toBeUndefined();
});

test("an API answer refuses sniffing and framing", async ({ request }) => {
  const response = await request.get("/api/v1/incidents");
  expect(response.status()).toBe(401);
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response.headers()["x-frame-options"]).toBe("DENY");
  expect(directives(response.headers()["content-security-policy"]).get("frame-ancestors")).toBe(
    "'none'",
  );
});
