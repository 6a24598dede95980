import type { Metadata } from "next";
import Link from "next/link";
import { ActionError } from "@/components/action-error";
import { ActionNotice } from "@/components/action-notice";
import { PageHeader } from "@/components/page-header";
import { SimpleTable } from "@/components/simple-table";
import { requirePermission } from "@/lib/auth/session";
import { VENDOR_KIND_LABELS } from "@/lib/vendors/constants";
import { listConnections, type VendorConnectionRecord } from "@/lib/vendors/store";

export const metadata: Metadata = { title: "Vendor connections" };

const whereItPoints = (connection: VendorConnectionRecord) =>
  connection.origins.kind === "pitstop-simulator"
    ? connection.origins.baseUrl
    : connection.origins.apiOrigin;

export default async function VendorConnectionsPage({ searchParams }: PageProps<"/admin/vendors">) {
  await requirePermission("vendors.manage");
  const [{ error, notice }, connections] = await Promise.all([searchParams, listConnections()]);
  return (
    <>
      <PageHeader
        title="Vendor connections"
        actions={
          <Link
            href="/admin/vendors/new"
            className="rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800"
          >
            New connection
          </Link>
        }
      >
        The vendors the checks talk to. Each incident names one; the default serves the rest.
        Secrets are stored encrypted and never shown again.
      </PageHeader>
      <ActionError error={error} />
      <ActionNotice notice={notice} />
      <SimpleTable
        caption="Vendor connections"
        columns={["Name", "Kind", "Environment", "Points at", "Linked accounts", "Incidents"]}
        rows={connections.map((connection) => [
          <span key="name" className="flex items-center gap-2">
            <Link
              href={`/admin/vendors/${connection.id}`}
              className="text-blue-700 underline dark:text-blue-400"
            >
              {connection.name}
            </Link>
            {connection.isDefault ? (
              <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs dark:bg-slate-800">
                default
              </span>
            ) : null}
          </span>,
          VENDOR_KIND_LABELS[connection.kind],
          connection.environment,
          <span key="url" className="break-all font-mono text-xs">
            {whereItPoints(connection)}
          </span>,
          connection.kind === "smartcar" ? String(connection.accountLinks.length) : "—",
          String(connection.incidentCount),
        ])}
      />
    </>
  );
}
