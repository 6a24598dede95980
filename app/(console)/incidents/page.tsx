import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { ActionError } from "@/components/action-error";
import { EmptyState } from "@/components/empty-state";
import { IncidentFilters } from "@/components/incident-filters";
import { IncidentTable } from "@/components/incident-table";
import { LiveUpdates } from "@/components/live-updates";
import { LoadingRows } from "@/components/loading-rows";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { SavedViews } from "@/components/saved-views";
import { SignatureGroupTable } from "@/components/signature-group-table";
import { can } from "@/lib/auth/policy";
import { requirePermission } from "@/lib/auth/session";
import { listVersion } from "@/lib/incidents/live";
import {
  activeSavedView,
  incidentListHref,
  incidentListSearch,
  parseListQueryLeniently,
  resolveOwner,
  SAVED_VIEWS,
  savedViewHref,
  searchParamsToObject,
  type IncidentListQuery,
} from "@/lib/incidents/list-query";
import { listIncidents, listSignatureGroups, listTenants } from "@/lib/incidents/store";

export const metadata: Metadata = { title: "Incidents" };

type ListChanges = Parameters<typeof incidentListHref>[1];
/** `query` as the URL has it ("owner=me"); `data`, as the store reads it (the user's id). */
type SectionProps = { query: IncidentListQuery; data: IncidentListQuery; filtered: boolean };

const sortHrefFor = (query: IncidentListQuery) => (column: string) =>
  incidentListHref(query, {
    sort: column,
    dir: query.sort === column && query.dir === "desc" ? "asc" : "desc",
    page: 1,
  });

function NoMatches({ filtered }: { filtered: boolean }) {
  return (
    <EmptyState title={filtered ? "No incidents match these filters" : "No incidents yet"}>
      {filtered
        ? "Try a wider date range or clear the filters."
        : "File one with New incident, or POST to /api/v1/incidents."}
    </EmptyState>
  );
}

async function IncidentRows({ query, data, filtered }: SectionProps) {
  const { rows, total } = await listIncidents(data);
  if (total === 0) return <NoMatches filtered={filtered} />;
  return (
    <>
      <IncidentTable
        rows={rows}
        sort={query.sort}
        dir={query.dir}
        sortHref={sortHrefFor(query)}
        signatureHref={(signature) => incidentListHref(query, { signature, page: 1 })}
        now={new Date()}
      />
      <Pagination
        page={query.page}
        pageSize={query.pageSize}
        total={total}
        hrefForPage={(page) => incidentListHref(query, { page })}
      />
    </>
  );
}

async function SignatureGroups({ query, data, filtered }: SectionProps) {
  const { rows, total } = await listSignatureGroups(data);
  if (total === 0) return <NoMatches filtered={filtered} />;
  return (
    <>
      <SignatureGroupTable
        rows={rows}
        sort={query.sort}
        dir={query.dir}
        sortHref={sortHrefFor(query)}
        groupHref={(signature) =>
          incidentListHref(query, {
            view: "incidents",
            signature,
            sort: undefined,
            dir: undefined,
            page: 1,
          })
        }
      />
      <Pagination
        page={query.page}
        pageSize={query.pageSize}
        total={total}
        hrefForPage={(page) => incidentListHref(query, { page })}
      />
    </>
  );
}

export default async function IncidentsPage({ searchParams }: PageProps<"/incidents">) {
  const user = await requirePermission("incident.read");
  const params = await searchParams;
  const parsed = parseListQueryLeniently(searchParamsToObject(params));
  const { query } = parsed;
  const owner = resolveOwner(query, user);
  // A signed-in user always resolves "me"; the fallback only satisfies the type.
  const data = owner.ok ? owner.query : query;
  const href = (changes: ListChanges) => incidentListHref(query, changes);
  const [tenants, live] = await Promise.all([listTenants(), listVersion(data)]);
  const filtered = Boolean(
    query.q ||
    query.status ||
    query.severity ||
    query.owner ||
    query.environment ||
    query.tenant ||
    query.signature ||
    query.from ||
    query.to,
  );

  return (
    <>
      <PageHeader
        title="Incidents"
        actions={
          can(user, "incident.write") ? (
            <Link
              href="/incidents/new"
              className="rounded-md bg-blue-700 px-3 py-2 text-sm font-medium text-white hover:bg-blue-800"
            >
              New incident
            </Link>
          ) : null
        }
      >
        Failing connected-vehicle calls, grouped by the signature of their error.
      </PageHeader>

      <LiveUpdates
        versionUrl={`/api/v1/incidents/live?${incidentListSearch(query, { page: undefined })}`}
        renderedVersion={live.version}
      />

      <ActionError error={params.error} />
      {!parsed.ok ? (
        <div
          role="alert"
          className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200"
        >
          Some filters were ignored: {Object.values(parsed.errors).join("; ")}.
        </div>
      ) : null}

      <div className="no-print mb-3 flex gap-2" role="tablist" aria-label="View">
        {(["incidents", "groups"] as const).map((view) => (
          <Link
            key={view}
            role="tab"
            aria-selected={query.view === view}
            href={href({ view, sort: undefined, dir: undefined, page: 1 })}
            className={`rounded-md px-3 py-1 text-sm ${query.view === view ? "bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900" : "border border-slate-300 dark:border-slate-700"}`}
          >
            {view === "incidents" ? "All incidents" : "By signature"}
          </Link>
        ))}
      </div>

      <SavedViews
        views={SAVED_VIEWS.map((view) => ({ ...view, href: savedViewHref(view) }))}
        activeId={activeSavedView(query)?.id}
      />

      <IncidentFilters values={query} tenants={tenants} />

      {query.signature ? (
        <p className="mb-3 text-sm">
          Signature:{" "}
          <code className="rounded bg-slate-100 px-1 dark:bg-slate-800">{query.signature}</code>{" "}
          <Link href={href({ signature: undefined, page: 1 })} className="underline">
            Show all signatures
          </Link>
        </p>
      ) : null}

      {/* The page's own boundary, not a loading.tsx: one above the page would start the
          response before it could answer 403. Keyed so each new query shows it again. */}
      <Suspense
        key={JSON.stringify(query)}
        fallback={<LoadingRows label="Loading incidents" rows={10} />}
      >
        {query.view === "groups" ? (
          <SignatureGroups query={query} data={data} filtered={filtered} />
        ) : (
          <IncidentRows query={query} data={data} filtered={filtered} />
        )}
      </Suspense>
    </>
  );
}
