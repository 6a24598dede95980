// The app-version check reads versions as apps write them: a pre-release ranks below its
// release, a fourth part (the build number) counts, and text that is not a version is evidence
// for the SRE to read, never a pass and never a crash.
import { describe, expect, it } from "vitest";
import type { IncidentForChecks } from "@/lib/diagnosis/check";
import { appVersionCheck } from "@/lib/diagnosis/checks/versions";
import { VendorGateway } from "@/lib/diagnosis/vendor-gateway";
import { ADMIN_KEY, startSimulatorForFile, VINS } from "../simulator/support";

const harness = startSimulatorForFile();

const incident = (appVersion: string): IncidentForChecks => ({
  id: "incident-versions",
  correlationId: "versions-check",
  environment: "sandbox",
  tenant: "fleetco",
  vin: VINS.ava,
  accountRef: "ava.active@example.com",
  sdkName: "connected-sdk",
  sdkVersion: "4.2.1",
  apiVersion: "2025-09-01",
  appVersion,
  scopes: ["openid", "vehicle:read"],
  errorString: "HTTP 426 Upgrade Required",
  httpStatus: 426,
  occurredAt: new Date(),
});

async function checkAgainstMinimum(minAppVersion: string, appVersion: string) {
  await harness.injectFault({
    kind: "app_version",
    target: { tenant: "fleetco" },
    params: { minAppVersion },
  });
  const vendor = new VendorGateway({
    baseUrl: harness.baseUrl,
    adminKey: ADMIN_KEY,
    timeoutMs: 3_000,
  });
  return appVersionCheck.run({ incident: incident(appVersion), vendor });
}

describe("app version check", () => {
  it("fails a pre-release of the minimum version", async () => {
    const finding = await checkAgainstMinimum("3.2.0", "3.2.0-beta");
    expect(finding.outcome).toBe("fail");
    expect(finding.signals[0]).toMatchObject({ cause: "app_version" });
  });

  it("fails an older build of the same release", async () => {
    expect((await checkAgainstMinimum("3.4.0.1300", "3.4.0.1207")).outcome).toBe("fail");
    expect((await checkAgainstMinimum("3.4.0.1300", "3.4.0.1300")).outcome).toBe("pass");
  });

  it("reports an app version it cannot read as a warning naming it", async () => {
    const finding = await checkAgainstMinimum("3.2.0", "nightly");
    expect(finding.outcome).toBe("warn");
    expect(finding.summary).toContain('"nightly"');
    expect(finding.signals).toEqual([]);
  });
});
