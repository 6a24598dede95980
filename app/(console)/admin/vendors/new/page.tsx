import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { VendorConnectionForm } from "@/components/vendor-connection-form";
import { requirePermission } from "@/lib/auth/session";
import { simulatorBaseUrl } from "@/lib/telematics/simulator-status";
import { createVendorConnectionAction } from "../actions";

export const metadata: Metadata = { title: "New vendor connection" };

const EMPTY = {
  name: "",
  kind: "smartcar" as const,
  environment: "sandbox",
  baseUrl: "",
  authOrigin: "",
  apiOrigin: "",
  v3Origin: "",
  managementOrigin: "",
  clientId: "",
  isDefault: false,
};

export default async function NewVendorConnectionPage() {
  await requirePermission("vendors.manage");
  return (
    <>
      <PageHeader
        title="New vendor connection"
        actions={
          <Link
            href="/admin/vendors"
            className="text-sm text-blue-700 underline dark:text-blue-400"
          >
            All connections
          </Link>
        }
      />
      <VendorConnectionForm
        action={createVendorConnectionAction}
        initial={EMPTY}
        simulatorUrl={simulatorBaseUrl()}
      />
    </>
  );
}
