/** @type {import('@remix-run/dev').AppConfig} */
export default {
  // Classic (esbuild) compiler, ESM server build.
  serverModuleFormat: "esm",
  serverPlatform: "node",
  // Tests beside the code and "__*" helper files are not routes.
  ignoredRouteFiles: ["**/.*", "**/__*", "**/*.test.{ts,tsx}", "**/*.spec.{ts,tsx}"],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
