import { afterEach, describe, expect, it, vi } from "vitest";

// Next.js loads lib/db/client once per bundle (instrumentation, route handlers, pages). Each
// fresh module graph here stands for one such bundle in a production server.
async function loadClientAsAnotherBundle() {
  vi.resetModules();
  return (await import("@/lib/db/client")).db;
}

describe("the process's database client", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("is one client for every bundle in a production server", async () => {
    vi.stubEnv("NODE_ENV", "production");
    const forInstrumentation = await loadClientAsAnotherBundle();
    const forRoutes = await loadClientAsAnotherBundle();
    expect(forRoutes).toBe(forInstrumentation);
  });

  it("lets one bundle write while another holds a transaction open, without stalling the event loop", async () => {
    vi.stubEnv("NODE_ENV", "production");
    const forSoakSink = await loadClientAsAnotherBundle();
    const forProbes = await loadClientAsAnotherBundle();
    const email = (name: string) => `${name}-${crypto.randomUUID()}@pitstop.test`;
    const user = (name: string) => ({
      email: email(name),
      name,
      role: "sre",
      passwordHash: "unused",
    });

    let transactionOpen!: () => void;
    const opened = new Promise<void>((resolve) => (transactionOpen = resolve));
    const longTransaction = forSoakSink.$transaction(async (tx) => {
      await tx.user.create({ data: user("sink") });
      transactionOpen();
      await new Promise((resolve) => setTimeout(resolve, 100));
      await tx.user.create({ data: user("sink") });
    });
    await opened;

    const started = performance.now();
    let timerLateByMs = Number.NaN;
    const timer = new Promise<void>((resolve) =>
      setTimeout(() => {
        timerLateByMs = performance.now() - started - 20;
        resolve();
      }, 20),
    );
    const probeWrite = forProbes.user.create({ data: user("probe") });

    await expect(Promise.all([longTransaction, probeWrite, timer])).resolves.toBeDefined();
    expect(timerLateByMs).toBeLessThan(1_000);
  });
});

describe.runIf(/^postgres(ql)?:\/\//.test(process.env.PITSTOP_TEST_DATABASE_URL ?? ""))(
  "the database client on PostgreSQL",
  () => {
    afterEach(() => vi.unstubAllEnvs());

    it("talks to the PostgreSQL server that DATABASE_URL names", async () => {
      const holder = globalThis as { pitstopPrisma?: unknown };
      const processClient = holder.pitstopPrisma;
      delete holder.pitstopPrisma;
      vi.stubEnv("DATABASE_URL", process.env.PITSTOP_TEST_DATABASE_URL);
      try {
        const db = await loadClientAsAnotherBundle();
        const [row] = await db.$queryRaw<Array<{ version: string }>>`SELECT version() AS version`;
        expect(row?.version).toMatch(/^PostgreSQL/);
        await db.$disconnect();
      } finally {
        holder.pitstopPrisma = processClient;
      }
    });
  },
);
