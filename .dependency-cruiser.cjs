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
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
