import type { Metadata } from "next";
import { headers } from "next/headers";
import { NONCE_HEADER } from "@/lib/http/content-security-policy";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Pitstop", template: "%s · Pitstop" },
  description: "Triage console for connected-vehicle integration incidents",
};

// Runs before paint so a dark-mode user never sees a white flash.
const applyStoredTheme = `try{var t=localStorage.getItem("pitstop-theme");if(t==="dark"||(!t&&matchMedia("(prefers-color-scheme: dark)").matches))document.documentElement.classList.add("dark")}catch(e){}`;

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The page's Content-Security-Policy lets inline scripts run only with proxy.ts's nonce.
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: applyStoredTheme }} />
      </head>
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
