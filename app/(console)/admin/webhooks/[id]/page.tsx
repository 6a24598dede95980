import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AutoRefresh } from "@/components/auto-refresh";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { WebhookDeliveries } from "@/components/webhook-deliveries";
import { requirePermission } from "@/lib/auth/session";
import { getWebhook, listDeliveries } from "@/lib/webhooks/store";

export const metadata: Metadata = { title: "Webhook deliveries" };

const SHOWN_DELIVERIES = 100;

export default async function WebhookDeliveriesPage({ params }: PageProps<"/admin/webhooks/[id]">) {
  await requirePermission("webhooks.manage");
  const { id } = await params;
  const [webhook, deliveries] = await Promise.all([
    getWebhook(id),
    listDeliveries(id, SHOWN_DELIVERIES),
  ]);
  if (!webhook) notFound();
  return (
    <>
      <PageHeader
        title="Webhook deliveries"
        actions={
          <Link
            href="/admin/webhooks"
            className="text-sm text-blue-700 underline dark:text-blue-400"
          >
            All webhooks
          </Link>
        }
      >
        <span className="break-all">{webhook.url}</span> ·{" "}
        <span className="font-mono">{webhook.events.join(", ")}</span>
        {webhook.disabledAt ? " · disabled" : null}
      </PageHeader>
      {/* Retries land within seconds; keep the log current while any are due. */}
      {deliveries.some((delivery) => delivery.status === "pending") ? (
        <AutoRefresh everyMs={2_000} />
      ) : null}
      {deliveries.length === 0 ? (
        <EmptyState title="Nothing delivered yet">
          Deliveries appear here when one of the webhook&apos;s events happens.
        </EmptyState>
      ) : (
        <WebhookDeliveries rows={deliveries} />
      )}
    </>
  );
}
