import { describe, expect, it } from "vitest";
import { POST as signInRoute } from "@/app/sign-in/session/route";

function signInRequest(body: string, headers: Record<string, string> = {}) {
  return new Request("http://127.0.0.1:3000/sign-in/session", {
    method: "POST",
    headers: {
      host: "127.0.0.1:3000",
      origin: "http://127.0.0.1:3000",
      "content-type": "application/json",
      ...headers,
    },
    body,
  });
}

describe("POST /sign-in/session", () => {
  it.each([
    ["a malformed email", { email: "not-an-email", password: "pw" }, "email"],
    ["a missing password", { email: "a@pitstop.test" }, "password"],
  ])("refuses %s with 400 naming the field", async (_case, body, field) => {
    const response = await signInRoute(signInRequest(JSON.stringify(body)));
    expect(response.status).toBe(400);
    expect((await response.json()).fields).toHaveProperty(field);
  });

  it("refuses a body that is not JSON with 400", async () => {
    const response = await signInRoute(signInRequest("{"));
    expect(response.status).toBe(400);
  });

  it("refuses a cross-site call with 403", async () => {
    const response = await signInRoute(
      signInRequest(JSON.stringify({ email: "a@pitstop.test", password: "pw" }), {
        origin: "https://evil.example",
      }),
    );
    expect(response.status).toBe(403);
  });

  it("answers a wrong password with 401 and the form's message", async () => {
    const response = await signInRoute(
      signInRequest(JSON.stringify({ email: "nobody-route@pitstop.test", password: "pw" })),
    );
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ message: "Email or password is wrong." });
  });
});
