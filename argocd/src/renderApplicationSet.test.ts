import { renderApplicationSet } from './renderApplicationSet';

const appset = (spec: Record<string, any>) => ({
  metadata: { name: 'demo', namespace: 'argocd' },
  spec,
});
const base = {
  goTemplate: true,
  goTemplateOptions: ['missingkey=error'],
  generators: [{ list: { elements: [{ env: 'dev' }, { env: 'prod' }] } }],
  template: {
    metadata: { name: 'app-{{ .env }}' },
    spec: {
      project: 'p',
      source: {
        repoURL: 'https://github.com/acme/x.git',
        path: 'deploy/overlays/{{ .env }}',
      },
      destination: {
        server: 'https://kubernetes.default.svc',
        namespace: 'x-{{ .env }}',
      },
    },
  },
};

describe('renderApplicationSet', () => {
  it('renders one Application per parameter set, every string templated', () => {
    const apps = renderApplicationSet(appset(base), {});
    expect(apps.map(a => a.metadata.name)).toEqual(['app-dev', 'app-prod']);
    expect(apps[1].spec.source.path).toBe('deploy/overlays/prod');
    expect(apps[1].metadata.namespace).toBe('argocd');
  });

  it('adds the resources finalizer unless preserveResourcesOnDeletion is set', () => {
    const [cascading] = renderApplicationSet(appset(base), {});
    expect(cascading.metadata.finalizers).toEqual([
      'resources-finalizer.argocd.argoproj.io',
    ]);
    const [kept] = renderApplicationSet(
      appset({ ...base, syncPolicy: { preserveResourcesOnDeletion: true } }),
      {},
    );
    expect(kept.metadata.finalizers).toBeUndefined();
  });

  it('merges the rendered templatePatch: maps deep, lists replaced', () => {
    const templatePatch = [
      'spec:',
      '  source:',
      '    kustomize: { images: ["a:{{ .env }}"] }',
      '  {{- if eq .env "dev" }}',
      '  syncPolicy: { automated: { prune: true } }',
      '  {{- end }}',
    ].join('\n');
    const [dev, prod] = renderApplicationSet(
      appset({ ...base, templatePatch }),
      {},
    );
    expect(dev.spec.source).toEqual({
      repoURL: 'https://github.com/acme/x.git',
      path: 'deploy/overlays/dev',
      kustomize: { images: ['a:dev'] },
    });
    expect(dev.spec.syncPolicy).toEqual({ automated: { prune: true } });
    expect(prod.spec.syncPolicy).toBeUndefined();
  });

  it('crosses the two generators of a matrix', () => {
    const matrix = {
      ...base,
      generators: [
        {
          matrix: {
            generators: [
              { list: { elements: [{ app: 'a' }, { app: 'b' }] } },
              base.generators[0],
            ],
          },
        },
      ],
      template: {
        ...base.template,
        metadata: { name: '{{ .app }}-{{ .env }}' },
      },
    };
    expect(
      renderApplicationSet(appset(matrix), {}).map(a => a.metadata.name),
    ).toEqual(['a-dev', 'a-prod', 'b-dev', 'b-prod']);
  });

  it('refuses duplicate Application names, as the controller does', () => {
    const dup = {
      ...base,
      template: { ...base.template, metadata: { name: 'same' } },
    };
    expect(() => renderApplicationSet(appset(dup), {})).toThrow(
      /generates the Application name same twice/,
    );
  });

  it('fails loudly on what it does not evaluate', () => {
    expect(() =>
      renderApplicationSet(appset({ ...base, goTemplate: false }), {}),
    ).toThrow(/goTemplate must be true/);
    expect(() =>
      renderApplicationSet(appset({ ...base, goTemplateOptions: [] }), {}),
    ).toThrow(/missingkey=error/);
    expect(() =>
      renderApplicationSet(appset({ ...base, strategy: {} }), {}),
    ).toThrow(/spec.strategy/);
    expect(() =>
      renderApplicationSet(
        appset({ ...base, generators: [{ git: { repoURL: 'x' } }] }),
        {},
      ),
    ).toThrow(/git generator is not supported/);
    expect(() =>
      renderApplicationSet(
        appset({
          ...base,
          template: { ...base.template, metadata: { name: '{{ .team }}' } },
        }),
        {},
      ),
    ).toThrow(/no entry for key "team"/);
  });
});

describe('renderApplicationSet templatePatch YAML', () => {
  it('reads the rendered patch as YAML 1.1, like Argo CD', () => {
    const templatePatch = 'metadata:\n  annotations:\n    flag: {{ .env }}\n';
    const on = {
      ...base,
      generators: [{ list: { elements: [{ env: 'on' }] } }],
      templatePatch,
    };
    const [app] = renderApplicationSet(appset(on), {});
    expect(app.metadata.annotations).toEqual({ flag: true });
  });
});
