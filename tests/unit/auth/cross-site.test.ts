import { describe, expect, it } from "vitest";
import { crossSiteWriteRefusal } from "@/lib/auth/cross-site";

const headers = (values: Record<string, string>) => new Headers(values);

describe("crossSiteWriteRefusal", () => {
  it("refuses a server action whose Origin names another site, or no site", async () => {
    for (const origin of [{ origin: "https://attacker.example" }, {}] as Record<string, string>[]) {
      const refusal = crossSiteWriteRefusal(
        "POST",
        headers({ host: "pitstop.local:3000", "next-action": "abc", ...origin }),
      );
      expect(refusal?.status).toBe(403);
      expect(await refusal?.text()).toContain("Cross-site request refused");
    }
  });

  it("refuses any write that names a foreign Origin", () => {
    const refusal = crossSiteWriteRefusal(
      "DELETE",
      headers({ host: "pitstop.local", origin: "http://evil.example" }),
    );
    expect(refusal?.status).toBe(403);
  });

  it("lets same-origin writes, reads and Origin-less API writes through", () => {
    const host = "pitstop.local:3000";
    expect(
      crossSiteWriteRefusal(
        "POST",
        headers({ host, origin: `http://${host}`, "next-action": "abc" }),
      ),
    ).toBeNull();
    expect(
      crossSiteWriteRefusal("GET", headers({ host, origin: "http://evil.example" })),
    ).toBeNull();
    expect(
      crossSiteWriteRefusal("POST", headers({ host, authorization: "Bearer pst_x" })),
    ).toBeNull();
  });
});
