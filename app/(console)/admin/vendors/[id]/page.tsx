import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionError } from "@/components/action-error";
import { ActionNotice } from "@/components/action-notice";
import { DefinitionList } from "@/components/definition-list";
import { PageHeader } from "@/components/page-header";
import { SmartcarAccountLinks } from "@/components/smartcar-account-links";
import { VendorConnectionForm } from "@/components/vendor-connection-form";
import { VendorConnectionTest } from "@/components/vendor-connection-test";
import { requirePermission } from "@/lib/auth/session";
import { simulatorBaseUrl } from "@/lib/telematics/simulator-status";
import { VENDOR_KIND_LABELS } from "@/lib/vendors/constants";
import { getConnection } from "@/lib/vendors/store";
import {
  deleteVendorConnectionAction,
  linkSmartcarAccountAction,
  testVendorConnectionAction,
  unlinkSmartcarAccountAction,
  updateVendorConnectionAction,
} from "../actions";

export const metadata: Metadata = { title: "Vendor connection" };

const card =
  "rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";

export default async function VendorConnectionPage({
  params,
  searchParams,
}: PageProps<"/admin/vendors/[id]">) {
  await requirePermission("vendors.manage");
  const [{ id }, { error, notice }] = await Promise.all([params, searchParams]);
  const connection = await getConnection(id);
  if (!connection) notFound();
  const { origins } = connection;
  return (
    <>
      <PageHeader
        title={connection.name}
        actions={
          <Link
            href="/admin/vendors"
            className="text-sm text-blue-700 underline dark:text-blue-400"
          >
            All connections
          </Link>
        }
      >
        {VENDOR_KIND_LABELS[connection.kind]} · {connection.environment}
        {connection.isDefault ? " · default" : ""} · named by {connection.incidentCount} incident
        {connection.incidentCount === 1 ? "" : "s"}
      </PageHeader>
      <ActionError error={error} />
      <ActionNotice notice={notice} />
      <div className="space-y-6">
        <section aria-labelledby="vendor-test-heading" className={card}>
          <h2 id="vendor-test-heading" className="mb-3 font-semibold">
            Connection
          </h2>
          <div className="mb-4">
            <DefinitionList
              items={
                origins.kind === "pitstop-simulator"
                  ? [["Base URL", origins.baseUrl]]
                  : [
                      ["Auth origin", origins.authOrigin],
                      ["API origin", origins.apiOrigin],
                      ["Vehicle API v3 origin", origins.v3Origin],
                      ["Management API origin", origins.managementOrigin],
                    ]
              }
            />
          </div>
          <VendorConnectionTest action={testVendorConnectionAction.bind(null, connection.id)} />
        </section>
        {connection.kind === "smartcar" ? (
          <section aria-labelledby="vendor-links-heading" className={card}>
            <h2 id="vendor-links-heading" className="mb-3 font-semibold">
              Linked Smartcar accounts
            </h2>
            <SmartcarAccountLinks
              links={connection.accountLinks}
              linkAction={linkSmartcarAccountAction.bind(null, connection.id)}
              unlinkAction={(linkId) =>
                unlinkSmartcarAccountAction.bind(null, connection.id, linkId)
              }
            />
          </section>
        ) : null}
        <section aria-labelledby="vendor-edit-heading" className={card}>
          <h2 id="vendor-edit-heading" className="mb-3 font-semibold">
            Settings
          </h2>
          <VendorConnectionForm
            action={updateVendorConnectionAction.bind(null, connection.id)}
            initial={{
              name: connection.name,
              kind: connection.kind,
              environment: connection.environment,
              baseUrl: connection.baseUrl ?? "",
              authOrigin: connection.authOrigin ?? "",
              apiOrigin: connection.apiOrigin ?? "",
              v3Origin: connection.v3Origin ?? "",
              managementOrigin: connection.managementOrigin ?? "",
              clientId: connection.clientId ?? "",
              isDefault: connection.isDefault,
            }}
            secrets={{ ...connection.secrets, tenants: connection.tenants }}
            simulatorUrl={simulatorBaseUrl()}
          />
        </section>
        <form action={deleteVendorConnectionAction.bind(null, connection.id)}>
          <button
            type="submit"
            className="rounded-md border border-red-300 px-3 py-1.5 text-sm text-red-800 hover:bg-red-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950"
          >
            Delete connection
          </button>
        </form>
      </div>
    </>
  );
}
