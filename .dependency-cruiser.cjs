/** Machine-checked boundaries (STYLE.md §13). */
module.exports = {
  forbidden: [
    {
      name: 'probot-only-in-github',
      comment: 'Only src/github/ may import probot or octokit: the domain talks to GitHub through ports.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/github/' },
      to: { path: 'node_modules/(probot|@octokit|octokit)/' },
    },
    {
      name: 'prom-client-only-in-metrics',
      comment: 'Only src/metrics/ may import prom-client: the rest reports through the Metrics port.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/metrics/' },
      to: { path: 'node_modules/prom-client/' },
    },
    {
      name: 'no-circular',
      comment: 'Imports must not form a cycle.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
