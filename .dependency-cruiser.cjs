/**
 * Machine-checked boundaries. The layers of src/, top to bottom: a file may import its own
 * layer and the layers below it, never one above (README: "The layers"). Within web/, the
 * same holds for its rooms: the routing at web/ itself, then handlers/, pages/, http/.
 */
const LAYERS = [
  ['main.ts'],
  ['serve.ts'],
  ['app.ts', 'cli'],
  ['github'],
  ['web'],
  ['server'],
  ['mail'],
  ['pgp'],
  ['flows'],
  ['jobs'],
  ['metrics'],
  ['store'],
  ['researcher'],
  ['issue-text'],
  ['triage'],
  ['config'],
  ['clock'],
  ['report'],
  ['i18n'],
  ['ports'],
  ['errors.ts', 'log.ts', 'net', 'repo-root.ts'],
];
const WEB_ROOMS = [['web-root'], ['handlers'], ['pages'], ['http']];

/** `^src/(a|b)(/|$)` for folders and `^src/x\.ts$` for files. */
function pathsOf(names, base) {
  return names.map((name) => (name.endsWith('.ts') ? `^${base}${name.replace('.', '\\.')}$` : `^${base}${name}/`));
}

function layerRules(layers, base, label) {
  return layers.slice(1).map((layer, index) => ({
    name: `${label}-${layer.join('+')}-not-up`,
    comment: `${layer.join(', ')} may not import ${layers
      .slice(0, index + 1)
      .flat()
      .join(', ')}: that layer is above it.`,
    severity: 'error',
    from: { path: pathsOf(layer, base) },
    to: { path: pathsOf(layers.slice(0, index + 1).flat(), base) },
  }));
}

const webRoot = { path: '^src/web/[^/]+\\.ts$' };
const webRules = WEB_ROOMS.slice(1).map((room, index) => ({
  name: `web-${room[0]}-not-up`,
  comment: `web/${room[0]}/ may not import ${WEB_ROOMS.slice(0, index + 1).flat().join(', ')}.`,
  severity: 'error',
  from: { path: `^src/web/${room[0]}/` },
  to: {
    path: WEB_ROOMS.slice(1, index + 1)
      .flat()
      .map((name) => `^src/web/${name}/`)
      .concat(webRoot.path),
  },
}));

module.exports = {
  forbidden: [
    ...layerRules(LAYERS, 'src/', 'layer'),
    ...webRules,
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
