import { http, HttpResponse } from 'msw';
import { API, FakeGithub } from './fakeGithub';

/** A pull request as the fake recorded it. */
export interface FakePullRequest {
  number: number;
  slug: string;
  head: string;
  base: string;
  title: string;
  body: string;
  teamReviewers: string[];
}

/**
 * The endpoints `publish:github:pull-request` needs beyond FakeGithub's git
 * data API (octokit-plugin-create-pull-request 5.x, then the action's
 * `pulls.requestReviewers`), answering with the documented shapes:
 * - `GET /repos/{o}/{r}/commits?sha=&per_page=1` (https://docs.github.com/rest/commits/commits#list-commits);
 * - `POST /graphql`, the plugin's query for the head branch and its open pull request;
 * - `POST /repos/{o}/{r}/pulls` (https://docs.github.com/rest/pulls/pulls#create-a-pull-request);
 * - `POST /repos/{o}/{r}/pulls/{n}/requested_reviewers`.
 */
export function pullRequestHandlers(github: FakeGithub) {
  const pulls: FakePullRequest[] = [];
  const handlers = [
    http.get(`${API}/repos/:owner/:repo/commits`, ({ params, request }) => {
      const slug = `${params.owner}/${params.repo}`;
      const branch = new URL(request.url).searchParams.get('sha') ?? 'main';
      const head = github.head(slug, branch);
      if (!head) {
        return HttpResponse.json(
          { message: 'Not Found', status: '404' },
          { status: 404 },
        );
      }
      return HttpResponse.json([
        {
          sha: head.sha,
          commit: { message: head.message, tree: { sha: head.tree, url: '' } },
          parents: head.parents.map(sha => ({ sha })),
        },
      ]);
    }),
    http.post(`${API}/graphql`, async ({ request }) => {
      const { variables } = (await request.json()) as {
        variables: { owner: string; repo: string; head: string };
      };
      const slug = `${variables.owner}/${variables.repo}`;
      const exists = Boolean(github.head(slug, variables.head));
      const open = pulls.find(
        p => p.slug === slug && p.head === variables.head,
      );
      return HttpResponse.json({
        data: {
          repository: {
            ref: exists
              ? {
                  associatedPullRequests: {
                    edges: open
                      ? [
                          {
                            node: {
                              id: `PR_${open.number}`,
                              number: open.number,
                              url: `https://github.com/${slug}/pull/${open.number}`,
                            },
                          },
                        ]
                      : [],
                  },
                }
              : null,
          },
        },
      });
    }),
    http.post(
      `${API}/repos/:owner/:repo/pulls`,
      async ({ params, request }) => {
        const body = (await request.json()) as any;
        const slug = `${params.owner}/${params.repo}`;
        const pr: FakePullRequest = {
          number: pulls.length + 1,
          slug,
          head: String(body.head).split(':').pop()!,
          base: body.base,
          title: body.title,
          body: body.body,
          teamReviewers: [],
        };
        pulls.push(pr);
        return HttpResponse.json(
          {
            id: 1000 + pr.number,
            number: pr.number,
            state: 'open',
            title: pr.title,
            body: pr.body,
            html_url: `https://github.com/${slug}/pull/${pr.number}`,
            url: `${API}/repos/${slug}/pulls/${pr.number}`,
            head: { ref: pr.head, label: body.head },
            base: { ref: pr.base },
            draft: Boolean(body.draft),
          },
          { status: 201 },
        );
      },
    ),
    http.post(
      `${API}/repos/:owner/:repo/pulls/:number/requested_reviewers`,
      async ({ params, request }) => {
        const body = (await request.json()) as any;
        const pr = pulls.find(
          p =>
            p.slug === `${params.owner}/${params.repo}` &&
            p.number === Number(params.number),
        );
        if (!pr) {
          return HttpResponse.json(
            { message: 'Not Found', status: '404' },
            { status: 404 },
          );
        }
        pr.teamReviewers.push(...(body.team_reviewers ?? []));
        return HttpResponse.json(
          {
            number: pr.number,
            requested_reviewers: body.reviewers ?? [],
            requested_teams: (body.team_reviewers ?? []).map((t: string) => ({
              slug: t,
              name: t,
            })),
          },
          { status: 201 },
        );
      },
    ),
  ];
  return { handlers, pulls };
}
