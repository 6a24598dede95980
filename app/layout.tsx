import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Pitstop", template: "%s · Pitstop" },
  description: "Triage console for connected-vehicle integration incidents",
};

// Runs before paint so a dark-mode user never sees a white flash.
const applyStoredTheme = `try{var t=localStorage.getItem("pitstop-theme");if(t==="dark"||(!t&&matchMedia("(prefers-color-scheme: dark)").matches))document.documentElement.classList.add("dark")}catch(e){}`;

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: applyStoredTheme }} />
      </head>
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
