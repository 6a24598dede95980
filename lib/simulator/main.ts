// `npm run sim`: the simulator on its own. Settings come from the environment (SIM_PORT, HOST,
// SIM_SEED, SIM_ADMIN_KEY, SIM_TIME_SCALE, SIM_TOKEN_TTL_S, SIM_PUBLIC_URL,
// SIM_WEBHOOK_ANY_HOST, SIM_SMARTCAR_REDIRECT_URIS), validated before anything starts.
import { z } from "zod";
import { buildSimulatorServer } from "./server";

const configSchema = z.object({
  SIM_PORT: z.coerce
    .number({ error: "SIM_PORT must be a port number" })
    .int()
    .min(0)
    .max(65_535)
    .default(4010),
  HOST: z.string().min(1).default("127.0.0.1"),
  SIM_SEED: z.coerce.number({ error: "SIM_SEED must be a number" }).int().default(20261123),
  SIM_ADMIN_KEY: z
    .string()
    .min(8, { error: "SIM_ADMIN_KEY must be at least 8 characters" })
    .default("sim-admin-key"),
  SIM_TIME_SCALE: z.coerce
    .number({ error: "SIM_TIME_SCALE must be a number" })
    .min(0.001)
    .max(100)
    .default(1),
  SIM_TOKEN_TTL_S: z.coerce.number().int().min(1).max(86_400).default(3_600),
  SIM_PUBLIC_URL: z.url({ error: "SIM_PUBLIC_URL must be a URL" }).optional(),
  SIM_WEBHOOK_ANY_HOST: z.enum(["0", "1"]).default("0"),
  // Extra redirect URIs for the Smartcar face's demo client (Pitstop's own callback among them).
  SIM_SMARTCAR_REDIRECT_URIS: z
    .string()
    .default("")
    .transform((list) =>
      list
        .split(",")
        .map((uri) => uri.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z.url({
          protocol: /^https?$/,
          error: "SIM_SMARTCAR_REDIRECT_URIS must be comma-separated http(s) URLs",
        }),
      ),
    ),
});

const parsed = configSchema.safeParse(process.env);
if (!parsed.success) {
  for (const issue of parsed.error.issues)
    console.error(`simulator: ${String(issue.path[0])}: ${issue.message}`);
  process.exit(2);
}
const config = parsed.data;
const { app } = await buildSimulatorServer({
  seed: config.SIM_SEED,
  timeScale: config.SIM_TIME_SCALE,
  adminKey: config.SIM_ADMIN_KEY,
  accessTokenTtlS: config.SIM_TOKEN_TTL_S,
  allowAnyWebhookHost: config.SIM_WEBHOOK_ANY_HOST === "1",
  smartcarRedirectUris: config.SIM_SMARTCAR_REDIRECT_URIS,
  publicUrl: config.SIM_PUBLIC_URL ?? `http://${config.HOST}:${config.SIM_PORT}`,
});
await app.listen({ port: config.SIM_PORT, host: config.HOST });
console.error(
  `simulator: listening on http://${config.HOST}:${config.SIM_PORT} (sandbox and prod; Smartcar face under /smartcar/sandbox and /smartcar/prod)`,
);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void app.close().then(() => process.exit(0)));
}
