import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // better-sqlite3 is a native addon: load it from node_modules at run time, never bundle it.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3"],
  poweredByHeader: false,
  // forbidden(): a page a role may not see answers 403 with forbidden.tsx, not a 200 refusal.
  experimental: { authInterrupts: true },
};

export default nextConfig;
