// Where webhooks may send: refused at creation by the schema and the resolver check, named
// under `url`, and what PITSTOP_WEBHOOK_ALLOW_PRIVATE=1 opens up.
import type { LookupAddress } from "node:dns";
import { afterEach, describe, expect, it } from "vitest";
import { destinationProblem, refusedUrl, type Lookup } from "@/lib/webhooks/destination";
import { webhookInputSchema } from "@/lib/webhooks/schema";

const answering =
  (table: Record<string, string[]>): Lookup =>
  (hostname, _options, callback) => {
    const addresses = table[hostname];
    if (!addresses) {
      const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
      error.code = "ENOTFOUND";
      return callback(error, []);
    }
    callback(
      null,
      addresses.map((address): LookupAddress => ({
        address,
        family: address.includes(":") ? 6 : 4,
      })),
    );
  };

const urlError = (url: string) => {
  const parsed = webhookInputSchema.safeParse({ url, events: ["probe.down"] });
  return parsed.success
    ? null
    : parsed.error.issues.find((issue) => issue.path[0] === "url")?.message;
};

afterEach(() => {
  delete process.env.PITSTOP_WEBHOOK_ALLOW_PRIVATE;
});

describe("the webhook URL as the schema reads it", () => {
  it.each([
    ["file:///etc/passwd", /url must use http or https, not file/],
    ["ftp://files.example.com/hook", /url must use http or https, not ftp/],
    ["javascript:alert(1)", /url must use http or https/],
    ["not a url", /url must be an absolute http or https URL/],
    ["", /url is required/],
    ["http://169.254.169.254/latest/meta-data/", /cloud metadata address/],
    ["http://2852039166/", /points at 169\.254\.169\.254, a cloud metadata address/],
    [
      "http://metadata.google.internal/computeMetadata/v1/",
      /metadata\.google\.internal, a cloud metadata service/,
    ],
    ["http://METADATA.google.internal./", /cloud metadata service/],
    ["http://169.254.10.20/hook", /link-local address/],
    ["http://[fe80::1]/hook", /points at fe80::1, a link-local address/],
    ["http://[::ffff:169.254.169.254]/", /cloud metadata address/],
    ["http://[fd00:ec2::254]/", /cloud metadata address/],
    [
      "http://127.0.0.1:8080/hook",
      /127\.0\.0\.1, a loopback address \(set PITSTOP_WEBHOOK_ALLOW_PRIVATE=1/,
    ],
    [
      "http://10.1.2.3/hook",
      /10\.1\.2\.3, a private address \(set PITSTOP_WEBHOOK_ALLOW_PRIVATE=1/,
    ],
    ["http://[fd12:3456::1]/hook", /uniqueLocal address/],
    ["http://100.64.0.9/hook", /carrierGradeNat address/],
    ["http://0.0.0.0/hook", /special-purpose \(unspecified\)/],
    ["https://user:pass@hooks.example.com/x", /must not carry a user name or password/],
  ])("refuses %s", (url, message) => {
    expect(urlError(url)).toMatch(message);
  });

  it("accepts public http and https URLs", () => {
    expect(urlError("https://hooks.slack.com/services/T0/B0/abc")).toBeNull();
    expect(urlError("http://93.184.216.34:8080/hook")).toBeNull();
  });

  it("allows loopback, private, unique-local and CGNAT only with PITSTOP_WEBHOOK_ALLOW_PRIVATE=1, never link-local or metadata", () => {
    process.env.PITSTOP_WEBHOOK_ALLOW_PRIVATE = "1";
    for (const url of [
      "http://127.0.0.1:8080/hook",
      "http://10.1.2.3/hook",
      "http://[fd12:3456::1]/hook",
      "http://100.64.0.9/hook",
    ])
      expect(refusedUrl(url), url).toBeNull();
    expect(refusedUrl("http://[fd00:ec2::254]/")).toMatch(/metadata/);
    expect(refusedUrl("http://100.100.100.200/")).toMatch(/metadata/);
    expect(refusedUrl("http://[fe80::1]/")).toMatch(/link-local/);
    expect(refusedUrl("http://169.254.1.1/")).toMatch(/link-local/);
  });
});

describe("where the host resolves, checked before saving", () => {
  it("refuses a host name that resolves to a link-local address, whatever the setting", async () => {
    const lookup = answering({ "sneaky.example": ["93.184.216.34", "169.254.169.254"] });
    expect(
      await destinationProblem("https://sneaky.example/hook", { lookup, allowPrivate: true }),
    ).toBe("url host sneaky.example resolves to 169.254.169.254, a cloud metadata address");
    const linkLocal = answering({ "ll.example": ["fe80::abcd"] });
    expect(
      await destinationProblem("https://ll.example/hook", {
        lookup: linkLocal,
        allowPrivate: true,
      }),
    ).toMatch(/resolves to fe80::abcd, a link-local address/);
  });

  it("refuses localhost through the system resolver unless private addresses are allowed", async () => {
    expect(await destinationProblem("http://localhost:9/hook")).toMatch(
      /url host localhost resolves to (127\.0\.0\.1|::1), a loopback address/,
    );
    process.env.PITSTOP_WEBHOOK_ALLOW_PRIVATE = "1";
    expect(await destinationProblem("http://localhost:9/hook")).toBeNull();
  });

  it("refuses a host that does not resolve, naming the DNS error", async () => {
    expect(
      await destinationProblem("https://nowhere.example/hook", { lookup: answering({}) }),
    ).toBe("url host nowhere.example does not resolve (ENOTFOUND)");
  });

  it("accepts a host whose every address is public", async () => {
    const lookup = answering({ "hooks.example": ["93.184.216.34", "2606:2800:220:1::1"] });
    expect(await destinationProblem("https://hooks.example/x", { lookup })).toBeNull();
  });
});
