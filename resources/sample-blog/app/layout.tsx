import type { Metadata } from "next";
import Link from "next/link";
import "../styles/globals.css";

export const metadata: Metadata = {
  metadataBase: new URL(process.env.SITE_URL ?? "http://localhost:3000"),
  title: {
    default: "Insights — Engineering · Design · Digital Craft",
    template: "%s · Insights",
  },
  description:
    "Deep dives into system architecture, modern web development, and the philosophy behind high-performance digital products.",
  icons: { icon: "/favicon.svg" },
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <Link href="/" className="site-logo">
            Insights<span aria-hidden="true">.</span>
          </Link>
          <nav className="site-nav" aria-label="Main">
            <Link href="/">Articles</Link>
            <Link href="/#newsletter">Newsletter</Link>
          </nav>
        </header>
        {children}
        <footer className="site-footer">
          <p>© {new Date().getFullYear()} Insights. Written in Markdown, built with Next.js.</p>
        </footer>
      </body>
    </html>
  );
}
