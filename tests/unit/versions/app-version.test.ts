import { describe, expect, it } from "vitest";
import { compareAppVersions, parseAppVersion } from "@/lib/versions/app-version";

describe("compareAppVersions", () => {
  it.each([
    ["3.10.0", "3.9.2", 1],
    ["3.4", "3.4.0", 0],
    ["3", "3.0.0.0", 0],
    ["3.2.0-beta", "3.2.0", -1],
    ["3.2.0-beta.2", "3.2.0-beta.10", -1],
    ["3.2.0-rc.1", "3.1.9", 1],
    ["3.4.0.1207", "3.4.0.1300", -1],
    ["3.4.1.1", "3.4.0.9999", 1],
    ["v2.1.0", "2.1.0", 0],
    ["03.04.1", "3.4.1", 0],
  ])("%s against %s is %i", (a, b, expected) => {
    expect(compareAppVersions(a, b)).toBe(expected);
  });

  it("answers null, not a throw, when either side is not a version", () => {
    expect(compareAppVersions("latest", "3.4.0")).toBeNull();
    expect(compareAppVersions("3.4.0", "")).toBeNull();
    expect(parseAppVersion("3.4.0.1.2")).toBeNull();
  });
});
