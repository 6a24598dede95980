// App and SDK versions as apps write them ("3.4", "3.4.0", "3.4.0.1207", "3.2.0-beta.2"),
// compared by semver's rules: a pre-release ranks below its release. Many mobile apps add a
// fourth part (a build number) that semver has no place for: it breaks ties after the first
// three. Pure, shared by the simulator's version gate and the app's version check.
import semver from "semver";

const APP_VERSION =
  /^v?(\d{1,9})(?:\.(\d{1,9}))?(?:\.(\d{1,9}))?(?:\.(\d{1,9}))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

export type AppVersion = { release: semver.SemVer; build: number };

/** The version as semver reads it plus the build number; null when it is not a version. */
export function parseAppVersion(text: string): AppVersion | null {
  const match = APP_VERSION.exec(text.trim());
  if (!match) return null;
  const [, major, minor = "0", patch = "0", build = "0", preRelease] = match;
  const core = [major, minor, patch].map(Number).join(".");
  const release = semver.parse(preRelease ? `${core}-${preRelease}` : core);
  return release ? { release, build: Number(build) } : null;
}

/** Negative, zero or positive as `a` is older than, the same as or newer than `b`; null when either is not a version. */
export function compareAppVersions(a: string, b: string): number | null {
  const [left, right] = [parseAppVersion(a), parseAppVersion(b)];
  if (!left || !right) return null;
  return semver.compare(left.release, right.release) || Math.sign(left.build - right.build);
}
