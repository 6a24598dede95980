import type { RouteSpec } from "../route-spec";
import { adminRoutes } from "./admin";
import { commandRoutes } from "./commands";
import { metaRoutes } from "./meta";
import { oauthRoutes } from "./oauth";
import { pairingRoutes } from "./pairing";
import { statusRoutes } from "./status";
import { supportConsoleRoutes } from "./support-console";
import { vehicleRoutes } from "./vehicles";
import { webhookRoutes } from "./webhooks";

export const simulatorRoutes: RouteSpec[] = [
  ...metaRoutes,
  ...oauthRoutes,
  ...vehicleRoutes,
  ...commandRoutes,
  ...pairingRoutes,
  ...webhookRoutes,
  ...statusRoutes,
  ...supportConsoleRoutes,
  ...adminRoutes,
];
