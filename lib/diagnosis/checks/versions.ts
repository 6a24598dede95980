// App/SDK version against the vendor's minimum, and the pinned API version against the
// versions the vendor serves, has deprecated or has retired.
import { compareAppVersions } from "@/lib/versions/app-version";
import { skip, type CheckContext, type CheckDefinition, type CheckFinding } from "../check";
import type { VendorVersions } from "../vendor-gateway";

/** The vendor's version policy, or the `error` finding to return when it cannot be read. */
async function versionPolicy({
  incident,
  vendor,
}: CheckContext): Promise<
  { ok: true; data: VendorVersions } | { ok: false; finding: CheckFinding }
> {
  const versions = await vendor.versions(incident.environment, incident.tenant);
  if (versions.ok) return versions;
  return {
    ok: false,
    finding: {
      outcome: "error",
      summary: `Could not read the vendor's version policy: ${versions.problem}`,
      evidence: { problem: versions.problem },
      signals: [],
    },
  };
}

export const appVersionCheck: CheckDefinition = {
  id: "app_version",
  label: "App version against the vendor's minimum",
  causes: ["app_version"],
  cost: 1,
  async run(context) {
    const { incident } = context;
    if (!incident.appVersion) return skip("The incident records no app version.");
    const versions = await versionPolicy(context);
    if (!versions.ok) return versions.finding;
    const evidence = { appVersion: incident.appVersion, minimum: versions.data.minAppVersion };
    const comparison = compareAppVersions(incident.appVersion, versions.data.minAppVersion);
    if (comparison === null)
      return {
        outcome: "warn",
        summary: `"${incident.appVersion}" is not a version this check can compare with the vendor's minimum ${versions.data.minAppVersion}: compare them by hand.`,
        evidence,
        signals: [],
      };
    return comparison < 0
      ? {
          outcome: "fail",
          summary: `App ${incident.appVersion} is below the vendor's minimum ${versions.data.minAppVersion}.`,
          evidence,
          signals: [
            { cause: "app_version", weight: 3.5, why: "the app is older than the vendor supports" },
          ],
        }
      : {
          outcome: "pass",
          summary: `App ${incident.appVersion} meets the minimum ${versions.data.minAppVersion}.`,
          evidence,
          signals: [{ cause: "app_version", weight: -1, why: "app version supported" }],
        };
  },
};

export const apiVersionCheck: CheckDefinition = {
  id: "api_version",
  label: "API version pin",
  causes: ["app_version"],
  cost: 1,
  async run(context) {
    const { incident } = context;
    if (!incident.apiVersion) return skip("The incident records no API version pin.");
    const versions = await versionPolicy(context);
    if (!versions.ok) return versions.finding;
    const { supported, deprecated, sunset, latest } = versions.data.apiVersions;
    const evidence = { pinned: incident.apiVersion, supported, deprecated, sunset, latest };
    if (sunset.includes(incident.apiVersion))
      return {
        outcome: "fail",
        summary: `API version ${incident.apiVersion} is sunset; the latest is ${latest}.`,
        evidence,
        signals: [{ cause: "app_version", weight: 3.5, why: "the pinned API version is retired" }],
      };
    if (!supported.includes(incident.apiVersion))
      return {
        outcome: "fail",
        summary: `API version ${incident.apiVersion} is not one the vendor serves.`,
        evidence,
        signals: [
          {
            cause: "app_version",
            weight: 3,
            why: "the pinned API version is unknown to the vendor",
          },
        ],
      };
    if (deprecated.includes(incident.apiVersion))
      return {
        outcome: "warn",
        summary: `API version ${incident.apiVersion} is deprecated; plan the move to ${latest}.`,
        evidence,
        signals: [
          { cause: "app_version", weight: 0.5, why: "the pinned API version is deprecated" },
        ],
      };
    return {
      outcome: "pass",
      summary: `API version ${incident.apiVersion} is supported.`,
      evidence,
      signals: [{ cause: "app_version", weight: -1, why: "API version supported" }],
    };
  },
};
