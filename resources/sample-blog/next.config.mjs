/** @type {import('next').NextConfig} */
const nextConfig = {
  // Every page is generated at build time from posts/*.md.
  output: "export",
  trailingSlash: true,
  images: {
    // Covers and diagrams are SVGs served as-is from public/.
    unoptimized: true,
  },
};

export default nextConfig;
