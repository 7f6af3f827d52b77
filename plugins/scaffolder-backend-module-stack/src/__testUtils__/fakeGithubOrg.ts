import { http, HttpResponse } from 'msw';
import { API, FakeGithub } from './fakeGithub';

/** An organisation Actions secret or variable as the fake stores it. */
export type FakeOrgSetting = {
  visibility: 'all' | 'private' | 'selected';
  /** The variable's value (secrets never answer theirs). */
  value?: string;
  /** Repository ids of a `selected` setting. */
  selected: Set<number>;
};

/** One GitHub App installation of an organisation. */
export type FakeInstallation = {
  id: number;
  appId: number;
  appSlug: string;
  repositorySelection: 'all' | 'selected';
};

const STAMP = '2026-01-01T00:00:00Z';

const notFound = () =>
  HttpResponse.json(
    {
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest',
      status: '404',
    },
    { status: 404 },
  );

/**
 * The organisation endpoints publish's CI bot set-up uses, with the
 * documented shapes, recording each call in `github.calls`:
 * - `GET /orgs/{org}/installations` (https://docs.github.com/en/rest/orgs/orgs#list-app-installations-for-an-organization);
 * - `GET /orgs/{org}/actions/secrets/{name}`, its `/repositories` list, and
 *   `PUT`/`DELETE .../repositories/{id}` (204; 409 unless the visibility is
 *   `selected`), https://docs.github.com/en/rest/actions/secrets;
 * - the same for `/actions/variables` (https://docs.github.com/en/rest/actions/variables).
 */
export class FakeGithubOrg {
  readonly installations = new Map<string, FakeInstallation[]>();
  /** Keyed `org/NAME`. */
  readonly secrets = new Map<string, FakeOrgSetting>();
  readonly variables = new Map<string, FakeOrgSetting>();

  constructor(private readonly github: FakeGithub) {}

  handlers() {
    const log =
      <A extends any[]>(fn: (...args: A) => any) =>
      (...args: A) => {
        const { request } = args[0] as { request: Request };
        this.github.calls.push(
          `${request.method} ${new URL(request.url).pathname}`,
        );
        return fn(...args);
      };
    const repoById = (id: number) =>
      [...this.github.repos.values()].find(r => r.id === id);
    const settings = (kind: 'secrets' | 'variables') => {
      const store = kind === 'secrets' ? this.secrets : this.variables;
      const base = `${API}/orgs/:org/actions/${kind}/:name`;
      const find = (params: Record<string, unknown>) =>
        store.get(`${params.org}/${params.name}`);
      const selection = (answer: (s: FakeOrgSetting, id: number) => void) =>
        log(({ params }: { params: Record<string, unknown> }) => {
          const setting = find(params);
          if (!setting) return notFound();
          if (setting.visibility !== 'selected') {
            return HttpResponse.json(
              {
                message: 'Conflict',
                documentation_url: 'https://docs.github.com/rest',
                status: '409',
              },
              { status: 409 },
            );
          }
          answer(setting, Number(params.id));
          return new HttpResponse(null, { status: 204 });
        });
      return [
        http.get(
          base,
          log(({ params }) => {
            const setting = find(params);
            if (!setting) return notFound();
            return HttpResponse.json({
              name: params.name,
              ...(kind === 'variables' && { value: setting.value }),
              created_at: STAMP,
              updated_at: STAMP,
              visibility: setting.visibility,
              ...(setting.visibility === 'selected' && {
                selected_repositories_url: `${API}/orgs/${params.org}/actions/${kind}/${params.name}/repositories`,
              }),
            });
          }),
        ),
        http.get(
          `${base}/repositories`,
          log(({ params }) => {
            const setting = find(params);
            if (!setting) return notFound();
            const repositories = [...setting.selected].map(id => {
              const repo = repoById(id);
              return {
                id,
                name: repo?.name ?? `repo-${id}`,
                full_name: `${params.org}/${repo?.name ?? `repo-${id}`}`,
                private: repo?.private ?? true,
              };
            });
            return HttpResponse.json({
              total_count: repositories.length,
              repositories,
            });
          }),
        ),
        http.put(
          `${base}/repositories/:id`,
          selection((s, id) => s.selected.add(id)),
        ),
        http.delete(
          `${base}/repositories/:id`,
          selection((s, id) => s.selected.delete(id)),
        ),
      ];
    };
    return [
      http.get(
        `${API}/orgs/:org/installations`,
        log(({ params }) => {
          const org = String(params.org);
          if (this.github.owners.get(org) !== 'Organization') {
            return notFound();
          }
          const installations = (this.installations.get(org) ?? []).map(i => ({
            id: i.id,
            account: { login: org, id: 1, type: 'Organization' },
            repository_selection: i.repositorySelection,
            access_tokens_url: `${API}/app/installations/${i.id}/access_tokens`,
            repositories_url: `${API}/installation/repositories`,
            html_url: `https://github.com/organizations/${org}/settings/installations/${i.id}`,
            app_id: i.appId,
            app_slug: i.appSlug,
            target_id: 1,
            target_type: 'Organization',
            permissions: { contents: 'write', metadata: 'read' },
            events: [],
            created_at: STAMP,
            updated_at: STAMP,
            single_file_name: null,
            suspended_by: null,
            suspended_at: null,
          }));
          return HttpResponse.json({
            total_count: installations.length,
            installations,
          });
        }),
      ),
      ...settings('secrets'),
      ...settings('variables'),
    ];
  }
}
