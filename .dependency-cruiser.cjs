/**
 * How Concord's files may depend on each other, checked by src/capabilities/structure.test.ts
 * (and `npx depcruise src` by hand). Type-only imports are free: they vanish at run time.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-runtime-circle',
      comment: 'No import circle at run time: the capabilities list is built from the folders, never the other way round.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] }, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-other-capabilitys-routes',
      comment: 'A capability never imports another capability’s routes: only the list in src/capabilities does.',
      severity: 'error',
      from: { path: '^src/([^/]+)/', pathNot: '^src/capabilities/' },
      to: { path: 'routes\\.ts$', pathNot: '^src/$1/' },
    },
    {
      name: 'no-async-local-storage',
      comment: 'Nothing uses node:async_hooks: once entered, an AsyncLocalStorage makes Node 20 run hooks for every promise of the process, every request paying for it (decisions/0029).',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['core'], path: '^(node:)?async_hooks$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
