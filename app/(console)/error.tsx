"use client";
import { ErrorPanel } from "@/components/error-panel";

export default function ConsoleError({ reset }: { error: Error; reset: () => void }) {
  return <ErrorPanel what="this page" reset={reset} />;
}
