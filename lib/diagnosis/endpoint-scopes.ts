// Which OAuth scopes an endpoint requires, read from the vendor's OpenAPI document
// (x-required-scopes), by matching a concrete request path against its path templates.
import type { VendorGateway } from "./vendor-gateway";

function matches(template: string, path: string): boolean {
  const pattern = template.replace(/\{[^}]+\}/g, "[^/]+").replace(/\//g, "\\/");
  return new RegExp(`^${pattern}$`).test(path);
}

export async function requiredScopesFor(
  vendor: VendorGateway,
  path: string,
  method = "GET",
): Promise<string[]> {
  const document = await vendor.openApi();
  if (!document.ok) return [];
  for (const [template, operations] of Object.entries(document.data.paths)) {
    if (!matches(template, path)) continue;
    const operation = operations[method.toLowerCase()] as
      { "x-required-scopes"?: string[] } | undefined;
    if (operation) return operation["x-required-scopes"] ?? [];
  }
  return [];
}
