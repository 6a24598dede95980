"use client";
// Keeps a page current while others work: polls a version URL with If-None-Match (a 304 while
// nothing changed), re-renders the page's server components when the version moves, and, on
// an incident page, keeps a presence heartbeat and says who else is viewing.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

type Viewer = { id: string; name: string };
type LiveBody = { version: string; viewers?: Viewer[] };

type Props = {
  /** GET: `{ version, viewers? }` with an ETag. */
  versionUrl: string;
  /** The version the server rendered, so a change before the first poll is not missed. */
  renderedVersion: string;
  /** PUT while open, DELETE on leaving: this viewer's presence. */
  presenceUrl?: string;
  everyMs?: number;
};

const HEARTBEAT_MS = 10_000;
/** How long "Updated just now" stays: after that it would no longer be true. */
const JUST_NOW_MS = 20_000;
const MAX_BACKOFF_MS = 60_000;

const names = (viewers: Viewer[]) =>
  viewers.length === 0
    ? ""
    : viewers.length === 1
      ? viewers[0]!.name
      : `${viewers
          .slice(0, -1)
          .map((viewer) => viewer.name)
          .join(", ")} and ${viewers.at(-1)!.name}`;

export function LiveUpdates({ versionUrl, renderedVersion, presenceUrl, everyMs = 4_000 }: Props) {
  const router = useRouter();
  const [viewers, setViewers] = useState<Viewer[] | null>(presenceUrl ? [] : null);
  const [justUpdated, setJustUpdated] = useState(0);
  const [offline, setOffline] = useState(false);
  const version = useRef(renderedVersion);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let etag: string | null = null;
    let delay = everyMs;

    const poll = async () => {
      if (stopped) return;
      if (document.visibilityState === "hidden") return; // resumed by visibilitychange
      try {
        const response = await fetch(versionUrl, {
          cache: "no-store",
          headers: etag ? { "If-None-Match": etag } : {},
        });
        if (response.status !== 304) {
          if (!response.ok) throw new Error(`live version answered ${response.status}`);
          etag = response.headers.get("etag");
          const body = (await response.json()) as LiveBody;
          if (body.viewers) setViewers(body.viewers);
          if (body.version !== version.current) {
            version.current = body.version;
            setJustUpdated((count) => count + 1);
            router.refresh();
          }
        }
        delay = everyMs;
        setOffline(false);
      } catch {
        // Back off while the server is unreachable or failing, so a fleet of tabs eases off it.
        delay = Math.min(delay * 2, MAX_BACKOFF_MS);
        setOffline(true);
      }
      if (!stopped) timer = setTimeout(poll, delay);
    };

    const heartbeat = () => {
      if (presenceUrl && document.visibilityState === "visible")
        void fetch(presenceUrl, { method: "PUT" }).catch(() => undefined);
    };
    const leave = () => {
      if (presenceUrl) void fetch(presenceUrl, { method: "DELETE", keepalive: true });
    };
    const onVisibility = () => {
      if (document.visibilityState !== "visible") return;
      heartbeat();
      clearTimeout(timer);
      void poll();
    };

    heartbeat();
    const beat = presenceUrl ? setInterval(heartbeat, HEARTBEAT_MS) : undefined;
    timer = setTimeout(poll, presenceUrl ? 500 : everyMs);
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("pagehide", leave);
    return () => {
      stopped = true;
      clearTimeout(timer);
      clearInterval(beat);
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("pagehide", leave);
      leave();
    };
  }, [versionUrl, presenceUrl, everyMs, router]);

  useEffect(() => {
    if (justUpdated === 0) return;
    const timer = setTimeout(() => setJustUpdated(0), JUST_NOW_MS);
    return () => clearTimeout(timer);
  }, [justUpdated]);

  return (
    <div
      role="status"
      aria-live="polite"
      className="no-print flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-slate-600 dark:text-slate-400"
    >
      {viewers === null ? null : viewers.length ? (
        <span>
          <span
            aria-hidden="true"
            className="mr-1 inline-block size-2 rounded-full bg-emerald-500"
          />
          Also viewing: {names(viewers)}
        </span>
      ) : (
        <span>No one else is viewing</span>
      )}
      {offline ? (
        <span className="text-amber-700 dark:text-amber-400">Live updates paused: retrying</span>
      ) : justUpdated ? (
        <span>Updated just now</span>
      ) : null}
    </div>
  );
}
