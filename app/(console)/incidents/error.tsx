"use client";
import { ErrorPanel } from "@/components/error-panel";

export default function IncidentsError({ reset }: { error: Error; reset: () => void }) {
  return <ErrorPanel what="incidents" reset={reset} />;
}
