// Where sign-in may send someone back to: a path on this site, never another host.
import { describe, expect, it } from "vitest";
import { returnPathOrHome } from "@/lib/auth/return-path";

describe("returnPathOrHome", () => {
  it.each([
    "/incidents/abc123",
    "/incidents?status=resolved&environment=sandbox",
    "/runbooks?q=429%20rate#top",
    "/changes",
  ])("keeps the same-site path %s", (path) => {
    expect(returnPathOrHome(path)).toBe(path);
  });

  it.each([
    ["protocol-relative", "//evil.example/incidents"],
    ["absolute", "https://evil.example/incidents"],
    ["scheme only", "javascript:alert(1)"],
    ["backslash", "/\\evil.example"],
    ["backslash after slash", "\\/evil.example"],
    ["encoded backslash", "/%5Cevil.example"],
    ["encoded slash", "/%2F%2Fevil.example"],
    ["tab in the host", "/\t/evil.example"],
    ["relative", "incidents"],
    ["empty", ""],
    ["not text", 42],
    ["absent", undefined],
    ["too long", `/${"a".repeat(3000)}`],
  ])("sends a %s value home", (_kind, value) => {
    expect(returnPathOrHome(value)).toBe("/incidents");
  });
});
