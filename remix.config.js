// BUILD_DIR lets parallel builds (e.g. several developers' test runs) live side by side.
const buildDir = process.env.BUILD_DIR || 'build'

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ['**/.*', '**/*.test.{ts,tsx}', '**/*.css'],
  // The server is bundled with the app into serverBuildPath: one module graph, run by plain node
  // (server/index.ts, docs/decisions/015-runtime-and-cluster.md).
  server: 'server/index.ts',
  serverModuleFormat: 'esm',
  serverPlatform: 'node',
  serverBuildPath: `${buildDir}/index.js`,
  assetsBuildDirectory: `public/${buildDir}`,
  publicPath: '/build/',
  tailwind: false,
  postcss: true,
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
}
