// An address whose percent-encoding does not decode (overlong UTF-8 such as %C0%AE, a cut-off
// %E0%A4%A) is the client's mistake: 400, for pages and the API alike, never the router's 500.
import { expect } from "@playwright/test";
import { test } from "./support";

for (const path of [
  "/incidents/%C0%AE%C0%AE%2F",
  "/incidents/%E0%A4%A",
  "/api/v1/incidents/%C0%AE%C0%AE%2F",
  "/api/v1/incidents/%C0%AE%C0%AE%2F/timeline",
]) {
  test(`${path} answers 400`, async ({ request }) => {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status()).toBe(400);
  });
}

test("the API's 400 for a malformed path is its JSON error", async ({ request }) => {
  const response = await request.get("/api/v1/incidents/%C0%AE%C0%AE%2F");
  expect(await response.json()).toEqual({
    error: "malformed_path",
    message: "The address is not valid percent-encoded UTF-8.",
  });
});

test("a well-formed encoded id still reaches the app", async ({ request }) => {
  const response = await request.get("/api/v1/incidents/%E2%9C%93");
  expect(response.status()).toBe(401);
});
