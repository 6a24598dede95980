// Forwarded headers (X-Forwarded-For, -Host, -Proto) are believed only from as many proxies as
// PITSTOP_TRUSTED_PROXY_HOPS says; with none, anyone could send them to pick their own address,
// pass the Origin check from another site, or turn the session cookie Secure on plain http.
import { afterEach, describe, expect, it } from "vitest";
import { clientAddress, requestOrigin, servedOverHttps } from "@/lib/auth/client-address";
import { isSameOrigin } from "@/lib/auth/origin";

const PEER = "x-pitstop-peer";

function withSettings(hops: string | undefined, frontServer = true) {
  if (hops === undefined) delete process.env.PITSTOP_TRUSTED_PROXY_HOPS;
  else process.env.PITSTOP_TRUSTED_PROXY_HOPS = hops;
  if (frontServer) process.env.PITSTOP_FRONT_SERVER = "1";
  else delete process.env.PITSTOP_FRONT_SERVER;
}

afterEach(() => withSettings(undefined, false));

const forged = {
  host: "127.0.0.1:3000",
  [PEER]: "192.0.2.10",
  "x-forwarded-for": "198.51.100.66",
  "x-forwarded-host": "evil.example",
  "x-forwarded-proto": "https",
};

describe("without a trusted proxy (the default)", () => {
  it("the Origin check ignores a forged X-Forwarded-Host", () => {
    withSettings(undefined);
    expect(isSameOrigin(new Headers({ ...forged, origin: "http://evil.example" }))).toBe(false);
    expect(isSameOrigin(new Headers({ ...forged, origin: "http://127.0.0.1:3000" }))).toBe(true);
  });

  it("the client address is the connection's peer, whatever X-Forwarded-For says", () => {
    withSettings("0");
    expect(clientAddress(new Headers(forged))).toBe("192.0.2.10");
  });

  it("the origin is the Host header over http, whatever X-Forwarded-Host and -Proto say", () => {
    withSettings(undefined);
    expect(requestOrigin(new Headers(forged))).toBe("http://127.0.0.1:3000");
    expect(servedOverHttps(new Headers(forged))).toBe(false);
  });

  it("a peer header is not believed unless the front server stamped it", () => {
    withSettings(undefined, false);
    expect(clientAddress(new Headers(forged))).toBe("unknown");
  });
});

describe("behind trusted proxies", () => {
  it("one hop: the address the proxy appended, not what the client wrote before it", () => {
    withSettings("1");
    const headers = new Headers({ ...forged, "x-forwarded-for": "6.6.6.6, 203.0.113.7" });
    expect(clientAddress(headers)).toBe("203.0.113.7");
  });

  it("two hops: the address the outer proxy saw", () => {
    withSettings("2");
    const headers = new Headers({
      ...forged,
      "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.0.1",
    });
    expect(clientAddress(headers)).toBe("203.0.113.7");
  });

  it("one hop, no X-Forwarded-For: the peer itself", () => {
    withSettings("1");
    expect(clientAddress(new Headers({ [PEER]: "192.0.2.10" }))).toBe("192.0.2.10");
  });

  it("a forwarded address that is no IP address is not used as one", () => {
    withSettings("1");
    const headers = new Headers({ [PEER]: "192.0.2.10", "x-forwarded-for": "not-an-ip" });
    expect(clientAddress(headers)).toBe("unknown");
  });

  it("the origin is what the trusted proxy forwarded", () => {
    withSettings("1");
    const headers = new Headers({
      host: "10.0.0.5:3000",
      "x-forwarded-host": "evil.example, pitstop.example",
      "x-forwarded-proto": "http, https",
    });
    expect(requestOrigin(headers)).toBe("https://pitstop.example");
    expect(servedOverHttps(headers)).toBe(true);
    expect(
      isSameOrigin(
        new Headers({ ...Object.fromEntries(headers), origin: "https://pitstop.example" }),
      ),
    ).toBe(true);
  });

  it("a proxy that forwards no host or protocol leaves the Host header over http", () => {
    withSettings("1");
    expect(requestOrigin(new Headers({ host: "pitstop.internal:3000" }))).toBe(
      "http://pitstop.internal:3000",
    );
  });
});

describe("the setting", () => {
  it.each(["-1", "1.5", "two", "100"])("refuses PITSTOP_TRUSTED_PROXY_HOPS=%s by name", (hops) => {
    withSettings(hops);
    expect(() => clientAddress(new Headers(forged))).toThrow(/PITSTOP_TRUSTED_PROXY_HOPS/);
  });
});
