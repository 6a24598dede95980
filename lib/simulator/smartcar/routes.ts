// Every route of the Smartcar face, relative to its base ({simulator}/smartcar/{environment}).
import { compatibilityRoutes } from "./compatibility";
import { connectRoutes } from "./connect";
import { managementRoutes } from "./management";
import type { FaceRoute } from "./route";
import { tokenRoutes } from "./tokens";
import { v3Routes } from "./v3";
import { vehicleRoutes } from "./vehicles";

export const smartcarRoutes: FaceRoute[] = [
  ...connectRoutes,
  ...tokenRoutes,
  ...vehicleRoutes,
  ...v3Routes,
  ...compatibilityRoutes,
  ...managementRoutes,
];
