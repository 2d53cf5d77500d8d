// Import rules of the layering (issue 9): domain ← module queries ← module services ← routes, no circles.
// Run: npm run lint:deps (CI runs it after the typecheck).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import circles anywhere in src/ (a top-level use of an imported value in a circle is a ReferenceError at start-up).',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'src/domain holds pure rules: it imports only src/domain and src/shared (and libraries).',
      from: { path: '^src/domain/' },
      to: { path: '^src/', pathNot: '^src/(domain|shared)/' },
    },
    {
      name: 'shared-not-server-or-db',
      severity: 'error',
      comment: 'src/shared is used by the server and the web: it must not import src/server or src/db.',
      from: { path: '^src/shared/' },
      to: { path: '^src/(server|db)/' },
    },
    {
      name: 'web-types-only-from-server',
      severity: 'error',
      comment: 'src/web may import src/server or src/db for types only (import type), never code.',
      from: { path: '^src/web/' },
      to: { path: '^src/(server|db)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'queries-not-services-or-routes',
      severity: 'error',
      comment: "A module's queries.ts is SQL only: it imports no service and no routes.",
      from: { path: '^src/server/modules/[^/]+/queries\\.ts$' },
      to: { path: '^src/server/modules/[^/]+/(service|engine|[^/]*[Rr]outes)\\.ts$' },
    },
    {
      name: 'services-not-routes',
      severity: 'error',
      comment: 'A service never imports routes (routes call services, not the other way round).',
      from: { path: '^src/server/modules/[^/]+/(service|engine)\\.ts$' },
      to: { path: '^src/server/modules/[^/]+/[^/]*[Rr]outes\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
