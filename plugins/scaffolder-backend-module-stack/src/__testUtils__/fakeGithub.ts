import { createHash } from 'node:crypto';
import { http, HttpResponse } from 'msw';
import { gitBlobSha } from '../github/gitBlobSha';

/**
 * A stateful fake of the GitHub REST API endpoints idp:github:publish uses,
 * answering with the documented response shapes. Tests read `repos` to see
 * exactly what was pushed.
 */
export type FakeRepo = {
  id: number;
  owner: string;
  name: string;
  private: boolean;
  visibility: string;
  description: string | null;
  topics: string[];
  defaultBranch: string;
  refs: Map<string, string>;
  /** The last PUT body of main's protection, as sent. */
  protection?: any;
  /** Signed commits required (its own endpoint, not part of the PUT). */
  requiredSignatures?: boolean;
};

/**
 * GET .../branches/{b}/protection as GitHub answers it, from a PUT body
 * (https://docs.github.com/en/rest/branches/branch-protection#get-branch-protection).
 */
function protectionJson(url: string, p: any, signatures: boolean) {
  const flag = (enabled: boolean | undefined) => ({ enabled: !!enabled });
  const users = (l?: string[]) =>
    (l ?? []).map(login => ({ login, type: 'User' }));
  const slugged = (l?: string[]) =>
    (l ?? []).map(slug => ({ slug, name: slug }));
  const who = (r: any) =>
    r && {
      users: users(r.users),
      teams: slugged(r.teams),
      apps: slugged(r.apps),
    };
  const reviews = p.required_pull_request_reviews;
  const checks = p.required_status_checks;
  return {
    url,
    ...(checks && {
      required_status_checks: {
        url: `${url}/required_status_checks`,
        strict: checks.strict,
        contexts: (checks.checks ?? []).map((c: any) => c.context),
        checks: (checks.checks ?? []).map((c: any) => ({
          context: c.context,
          app_id: c.app_id === -1 ? null : c.app_id ?? null,
        })),
      },
    }),
    enforce_admins: {
      url: `${url}/enforce_admins`,
      enabled: !!p.enforce_admins,
    },
    ...(reviews && {
      required_pull_request_reviews: {
        url: `${url}/required_pull_request_reviews`,
        dismiss_stale_reviews: !!reviews.dismiss_stale_reviews,
        require_code_owner_reviews: !!reviews.require_code_owner_reviews,
        required_approving_review_count:
          reviews.required_approving_review_count ?? 1,
        require_last_push_approval: !!reviews.require_last_push_approval,
        ...(reviews.dismissal_restrictions && {
          dismissal_restrictions: who(reviews.dismissal_restrictions),
        }),
        ...(reviews.bypass_pull_request_allowances && {
          bypass_pull_request_allowances: who(
            reviews.bypass_pull_request_allowances,
          ),
        }),
      },
    }),
    ...(p.restrictions && {
      restrictions: { url: `${url}/restrictions`, ...who(p.restrictions) },
    }),
    required_signatures: {
      url: `${url}/required_signatures`,
      enabled: signatures,
    },
    required_linear_history: flag(p.required_linear_history),
    allow_force_pushes: flag(p.allow_force_pushes),
    allow_deletions: flag(p.allow_deletions),
    block_creations: flag(p.block_creations),
    required_conversation_resolution: flag(p.required_conversation_resolution),
    lock_branch: flag(p.lock_branch),
    allow_fork_syncing: flag(p.allow_fork_syncing),
  };
}

type Tree = Map<string, { mode: string; content: Buffer }>;

/** A pull request as the fake stores it. */
export type FakePull = {
  number: number;
  head: string;
  base: string;
  title: string;
  body: string;
  headSha: string;
};

export const API = 'https://api.github.com';

const sha1 = (s: string | Buffer) => createHash('sha1').update(s).digest('hex');

function notFound() {
  return HttpResponse.json(
    {
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest',
      status: '404',
    },
    { status: 404 },
  );
}

export class FakeGithub {
  readonly repos = new Map<string, FakeRepo>();
  readonly owners = new Map<string, 'Organization' | 'User'>([
    ['acme', 'Organization'],
    ['robot', 'User'],
  ]);
  readonly login = 'robot';
  /** Every request as "METHOD /path", in order. */
  readonly calls: string[] = [];
  readonly deleted: string[] = [];
  private readonly trees = new Map<string, Tree>();
  private readonly commits = new Map<
    string,
    { tree: string; parents: string[]; message: string }
  >();
  private nextId = 1000;
  private counter = 0;
  /** Pull requests per repository slug. */
  readonly pulls = new Map<string, FakePull[]>();
  /** When set, POST /pulls answers with this status (a refused pull request). */
  failPulls?: number;
  /** Blob contents by git object id, as trees list them. */
  private readonly gitBlobs = new Map<string, Buffer>();

  /** Files of any commit, e.g. a pull request's head. */
  filesAt(commit: string): Map<string, string> {
    const out = new Map<string, string>();
    for (const [p, f] of this.trees.get(this.commits.get(commit)!.tree)!) {
      out.set(p, f.content.toString('utf8'));
    }
    return out;
  }

  /** The commit object (tree and parents) of a sha. */
  commit(sha: string) {
    return this.commits.get(sha);
  }

  /** Someone else's commit on main: files written (string) or deleted (null). */
  commitOnMain(slug: string, files: Record<string, string | null>): string {
    const repo = this.repos.get(slug)!;
    const parent = repo.refs.get('refs/heads/main')!;
    const tree: Tree = new Map(this.trees.get(this.commits.get(parent)!.tree));
    for (const [p, c] of Object.entries(files)) {
      if (c === null) tree.delete(p);
      else tree.set(p, { mode: '100644', content: Buffer.from(c) });
    }
    const sha = this.storeCommit(this.storeTree(tree), [parent], 'by hand');
    repo.refs.set('refs/heads/main', sha);
    return sha;
  }

  /** Files on a branch, the repository's default branch unless named. */
  files(slug: string, branch?: string): Map<string, string> {
    const repo = this.repos.get(slug);
    const head = repo?.refs.get(`refs/heads/${branch ?? repo.defaultBranch}`);
    const out = new Map<string, string>();
    if (!head) return out;
    for (const [p, f] of this.trees.get(this.commits.get(head)!.tree)!) {
      out.set(p, f.content.toString('utf8'));
    }
    return out;
  }

  /** Commits reachable from the default branch, newest first. */
  history(slug: string): string[] {
    const repo = this.repos.get(slug)!;
    const out: string[] = [];
    let sha = repo.refs.get(`refs/heads/${repo.defaultBranch}`);
    while (sha) {
      out.push(sha);
      sha = this.commits.get(sha)?.parents[0];
    }
    return out;
  }

  /** Adds an existing repository with the given files on main. */
  seed(
    slug: string,
    options: {
      topics?: string[];
      files?: Record<string, string>;
      /** main's protection as a PUT body */
      protection?: unknown;
      requiredSignatures?: boolean;
    } = {},
  ) {
    const [owner, name] = slug.split('/');
    const repo = this.newRepo(owner, name, true, null);
    repo.topics = options.topics ?? [];
    repo.protection = options.protection;
    repo.requiredSignatures = options.requiredSignatures;
    if (options.files) {
      const tree: Tree = new Map(
        Object.entries(options.files).map(([p, c]) => [
          p,
          { mode: '100644', content: Buffer.from(c) },
        ]),
      );
      const treeSha = this.storeTree(tree);
      const commit = this.storeCommit(treeSha, [], 'seed');
      repo.refs.set('refs/heads/main', commit);
    }
    return repo;
  }

  /** The commit a branch points at and its tree, for handlers outside this class. */
  head(slug: string, branch: string) {
    const sha = this.repos.get(slug)?.refs.get(`refs/heads/${branch}`);
    const commit = sha ? this.commits.get(sha) : undefined;
    return sha && commit ? { sha, ...commit } : undefined;
  }

  private newRepo(
    owner: string,
    name: string,
    isPrivate: boolean,
    description: string | null,
    visibility?: string,
  ) {
    const repo: FakeRepo = {
      id: this.nextId++,
      owner,
      name,
      private: isPrivate,
      visibility: visibility ?? (isPrivate ? 'private' : 'public'),
      description,
      topics: [],
      defaultBranch: 'main',
      refs: new Map(),
    };
    this.repos.set(`${owner}/${name}`, repo);
    return repo;
  }

  private storeTree(tree: Tree) {
    const sha = sha1(
      [...tree.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([p, f]) => `${f.mode} ${p} ${sha1(f.content)}`)
        .join('\n'),
    );
    this.trees.set(sha, tree);
    for (const f of tree.values())
      this.gitBlobs.set(gitBlobSha(f.content), f.content);
    return sha;
  }

  private storeCommit(tree: string, parents: string[], message: string) {
    const sha = sha1(`${tree}${parents.join()}${message}${this.counter++}`);
    this.commits.set(sha, { tree, parents, message });
    return sha;
  }

  private repoJson(repo: FakeRepo) {
    const full = `${repo.owner}/${repo.name}`;
    return {
      id: repo.id,
      node_id: `R_${repo.id}`,
      name: repo.name,
      full_name: full,
      private: repo.private,
      visibility: repo.visibility,
      description: repo.description,
      owner: {
        login: repo.owner,
        id: 1,
        type: this.owners.get(repo.owner) ?? 'User',
      },
      html_url: `https://github.com/${full}`,
      url: `${API}/repos/${full}`,
      // What the token may do; octokit-plugin-create-pull-request forks without push.
      permissions: {
        admin: true,
        maintain: true,
        push: true,
        triage: true,
        pull: true,
      },
      clone_url: `https://github.com/${full}.git`,
      default_branch: repo.defaultBranch,
      topics: repo.topics,
      archived: false,
    };
  }

  /** A pull request as GitHub answers it (https://docs.github.com/en/rest/pulls/pulls#get-a-pull-request), the fields that matter. */
  private pullJson(slug: string, p: FakePull) {
    return {
      id: p.number + 5000,
      number: p.number,
      state: 'open',
      title: p.title,
      body: p.body,
      html_url: `https://github.com/${slug}/pull/${p.number}`,
      url: `${API}/repos/${slug}/pulls/${p.number}`,
      head: {
        ref: p.head,
        sha: p.headSha,
        label: `${slug.split('/')[0]}:${p.head}`,
      },
      base: { ref: p.base, label: `${slug.split('/')[0]}:${p.base}` },
      maintainer_can_modify: true,
      draft: false,
    };
  }

  private get(params: Record<string, unknown>) {
    return this.repos.get(`${params.owner}/${params.repo}`);
  }

  /** The files at `ref` as GitHub resolves it: a branch, a commit sha, or the default branch. */
  private treeAt(repo: FakeRepo, ref?: string | null): Tree | undefined {
    const commit =
      repo.refs.get(`refs/heads/${ref || repo.defaultBranch}`) ??
      (ref && this.commits.has(ref) ? ref : undefined);
    return commit ? this.trees.get(this.commits.get(commit)!.tree) : undefined;
  }

  /**
   * One entry of a directory listing of "Get repository content"
   * (https://docs.github.com/rest/repos/contents#get-repository-content).
   */
  private contentEntry(repo: FakeRepo, ref: string, path: string, tree: Tree) {
    const full = `${repo.owner}/${repo.name}`;
    const file = tree.get(path);
    const sha = file ? gitBlobSha(file.content) : sha1(path);
    return {
      type: file ? 'file' : 'dir',
      name: path.split('/').pop(),
      path,
      sha,
      size: file ? file.content.length : 0,
      url: `${API}/repos/${full}/contents/${path}?ref=${ref}`,
      html_url: `https://github.com/${full}/${
        file ? 'blob' : 'tree'
      }/${ref}/${path}`,
      git_url: `${API}/repos/${full}/git/${file ? 'blobs' : 'trees'}/${sha}`,
      download_url: file
        ? `https://raw.githubusercontent.com/${full}/${ref}/${path}`
        : null,
    };
  }

  handlers() {
    const log =
      <A extends any[]>(fn: (...args: A) => any) =>
      (...args: A) => {
        const { request } = args[0] as { request: Request };
        this.calls.push(`${request.method} ${new URL(request.url).pathname}`);
        return fn(...args);
      };
    const created = (repo: FakeRepo) =>
      HttpResponse.json(this.repoJson(repo), { status: 201 });
    return [
      http.get(
        `${API}/users/:owner`,
        log(({ params }) => {
          const type = this.owners.get(String(params.owner));
          return type
            ? HttpResponse.json({ login: params.owner, id: 1, type })
            : notFound();
        }),
      ),
      http.get(
        `${API}/user`,
        log(() =>
          HttpResponse.json({ login: this.login, id: 1, type: 'User' }),
        ),
      ),
      http.post(
        `${API}/orgs/:org/repos`,
        log(async ({ params, request }) => {
          const body = (await request.json()) as any;
          if (this.repos.has(`${params.org}/${body.name}`)) {
            return HttpResponse.json(
              {
                message: 'Repository creation failed.',
                errors: [
                  {
                    resource: 'Repository',
                    code: 'custom',
                    field: 'name',
                    message: 'name already exists on this account',
                  },
                ],
                documentation_url:
                  'https://docs.github.com/rest/repos/repos#create-an-organization-repository',
                status: '422',
              },
              { status: 422 },
            );
          }
          return created(
            this.newRepo(
              String(params.org),
              body.name,
              body.private ?? false,
              body.description ?? null,
              body.visibility,
            ),
          );
        }),
      ),
      http.post(
        `${API}/user/repos`,
        log(async ({ request }) => {
          const body = (await request.json()) as any;
          return created(
            this.newRepo(
              this.login,
              body.name,
              body.private ?? false,
              body.description ?? null,
            ),
          );
        }),
      ),
      http.get(
        `${API}/repos/:owner/:repo`,
        log(({ params }) => {
          const repo = this.get(params);
          return repo ? HttpResponse.json(this.repoJson(repo)) : notFound();
        }),
      ),
      http.patch(
        `${API}/repos/:owner/:repo`,
        log(async ({ params, request }) => {
          const repo = this.get(params);
          if (!repo) return notFound();
          const body = (await request.json()) as any;
          if (body.default_branch) repo.defaultBranch = body.default_branch;
          return HttpResponse.json(this.repoJson(repo));
        }),
      ),
      http.delete(
        `${API}/repos/:owner/:repo`,
        log(({ params }) => {
          const slug = `${params.owner}/${params.repo}`;
          if (!this.repos.delete(slug)) return notFound();
          this.deleted.push(slug);
          return new HttpResponse(null, { status: 204 });
        }),
      ),
      http.get(
        `${API}/repos/:owner/:repo/topics`,
        log(({ params }) => {
          const repo = this.get(params);
          return repo ? HttpResponse.json({ names: repo.topics }) : notFound();
        }),
      ),
      http.put(
        `${API}/repos/:owner/:repo/topics`,
        log(async ({ params, request }) => {
          const repo = this.get(params);
          if (!repo) return notFound();
          repo.topics = ((await request.json()) as any).names;
          return HttpResponse.json({ names: repo.topics });
        }),
      ),
      http.get(
        `${API}/repos/:owner/:repo/contents/*`,
        log(({ params, request }) => {
          const repo = this.get(params);
          if (!repo) return notFound();
          const filePath = String((params as any)[0]).replace(/\/+$/, '');
          const ref =
            new URL(request.url).searchParams.get('ref') || repo.defaultBranch;
          const tree = this.treeAt(repo, ref);
          const file = tree?.get(filePath);
          if (!tree || !file) {
            // A folder answers its entries, whatever the Accept header.
            const prefix = `${filePath}/`;
            const names = [...(tree?.keys() ?? [])]
              .filter(p => p.startsWith(prefix))
              .map(p => prefix + p.slice(prefix.length).split('/')[0]);
            if (!names.length) return notFound();
            return HttpResponse.json(
              [...new Set(names)]
                .sort()
                .map(p => this.contentEntry(repo, ref, p, tree!)),
            );
          }
          if (request.headers.get('accept')?.includes('raw')) {
            return new HttpResponse(file.content);
          }
          return HttpResponse.json({
            ...this.contentEntry(repo, ref, filePath, tree),
            encoding: 'base64',
            content: file.content.toString('base64'),
          });
        }),
      ),
      http.put(
        `${API}/repos/:owner/:repo/contents/*`,
        log(async ({ params, request }) => {
          const repo = this.get(params);
          if (!repo) return notFound();
          const body = (await request.json()) as any;
          const branch = body.branch ?? repo.defaultBranch;
          const filePath = String((params as any)[0]);
          const parent = repo.refs.get(`refs/heads/${branch}`);
          const tree: Tree = new Map(
            parent ? this.trees.get(this.commits.get(parent)!.tree) : [],
          );
          // Replacing a file needs its blob sha, as GitHub checks it.
          const current = tree.get(filePath);
          if (current && body.sha !== gitBlobSha(current.content)) {
            return body.sha
              ? HttpResponse.json(
                  {
                    message: `${filePath} does not match ${body.sha}`,
                    documentation_url:
                      'https://docs.github.com/rest/repos/contents#create-or-update-file-contents',
                    status: '409',
                  },
                  { status: 409 },
                )
              : HttpResponse.json(
                  {
                    message: 'Invalid request.\n\n"sha" wasn\'t supplied.',
                    documentation_url:
                      'https://docs.github.com/rest/repos/contents#create-or-update-file-contents',
                    status: '422',
                  },
                  { status: 422 },
                );
          }
          tree.set(filePath, {
            mode: '100644',
            content: Buffer.from(body.content, 'base64'),
          });
          const treeSha = this.storeTree(tree);
          const commit = this.storeCommit(
            treeSha,
            parent ? [parent] : [],
            body.message,
          );
          if (!repo.refs.size) repo.defaultBranch = branch;
          repo.refs.set(`refs/heads/${branch}`, commit);
          return HttpResponse.json(
            {
              content: { name: filePath.split('/').pop(), path: filePath },
              commit: {
                sha: commit,
                tree: { sha: treeSha, url: `${API}/git/trees/${treeSha}` },
                message: body.message,
                parents: parent ? [{ sha: parent }] : [],
              },
            },
            { status: 201 },
          );
        }),
      ),
      http.get(
        `${API}/repos/:owner/:repo/git/ref/*`,
        log(({ params }) => {
          const repo = this.get(params);
          if (!repo) return notFound();
          if (!repo.refs.size) {
            return HttpResponse.json(
              {
                message: 'Git Repository is empty.',
                documentation_url:
                  'https://docs.github.com/rest/git/refs#get-a-reference',
                status: '409',
              },
              { status: 409 },
            );
          }
          const ref = `refs/${(params as any)[0]}`;
          const sha = repo.refs.get(ref);
          if (!sha) return notFound();
          return HttpResponse.json({
            ref,
            node_id: 'REF_1',
            url: `${API}/repos/${repo.owner}/${repo.name}/git/${ref}`,
            object: { type: 'commit', sha, url: '' },
          });
        }),
      ),
      http.get(
        `${API}/repos/:owner/:repo/git/commits/:sha`,
        log(({ params }) => {
          const commit = this.commits.get(String(params.sha));
          if (!this.get(params) || !commit) return notFound();
          return HttpResponse.json({
            sha: params.sha,
            tree: { sha: commit.tree, url: '' },
            message: commit.message,
            parents: commit.parents.map(sha => ({ sha, url: '' })),
          });
        }),
      ),
      http.get(
        `${API}/repos/:owner/:repo/commits/:ref`,
        log(({ params, request }) => {
          const repo = this.get(params);
          const ref = String(params.ref);
          const sha = repo?.refs.get(`refs/heads/${ref}`) ?? ref;
          const commit = this.commits.get(sha);
          if (!repo || !commit) return notFound();
          // "Get a commit" with the sha media type answers the bare sha
          // (https://docs.github.com/rest/commits/commits#get-a-commit).
          if (request.headers.get('accept')?.includes('vnd.github.sha')) {
            return new HttpResponse(sha);
          }
          return HttpResponse.json({
            sha,
            url: request.url,
            html_url: `https://github.com/${repo.owner}/${repo.name}/commit/${sha}`,
            commit: { message: commit.message, tree: { sha: commit.tree } },
            parents: commit.parents.map(p => ({ sha: p })),
          });
        }),
      ),
      http.post(
        `${API}/repos/:owner/:repo/git/blobs`,
        log(async ({ params, request }) => {
          if (!this.get(params)) return notFound();
          const body = (await request.json()) as any;
          const content = Buffer.from(body.content, body.encoding ?? 'utf-8');
          const sha = sha1(content);
          this.trees.set(`blob:${sha}`, new Map([['', { mode: '', content }]]));
          return HttpResponse.json({ sha, url: '' }, { status: 201 });
        }),
      ),
      http.post(
        `${API}/repos/:owner/:repo/git/trees`,
        log(async ({ params, request }) => {
          const repo = this.get(params);
          if (!repo) return notFound();
          if (!repo.refs.size) {
            return HttpResponse.json(
              { message: 'Git Repository is empty.', status: '409' },
              { status: 409 },
            );
          }
          const body = (await request.json()) as any;
          const tree: Tree = new Map(
            body.base_tree ? this.trees.get(body.base_tree) : [],
          );
          for (const entry of body.tree) {
            // sha: null deletes the path (https://docs.github.com/en/rest/git/trees#create-a-tree)
            if (entry.sha === null) {
              tree.delete(entry.path);
              continue;
            }
            const content =
              entry.content !== undefined
                ? Buffer.from(entry.content, 'utf8')
                : this.trees.get(`blob:${entry.sha}`)!.get('')!.content;
            tree.set(entry.path, { mode: entry.mode, content });
          }
          const sha = this.storeTree(tree);
          return HttpResponse.json(
            {
              sha,
              url: '',
              truncated: false,
              tree: [...tree.entries()].map(([p, f]) => ({
                path: p,
                mode: f.mode,
                type: 'blob',
                size: f.content.length,
                sha: sha1(f.content),
                url: '',
              })),
            },
            { status: 201 },
          );
        }),
      ),
      http.post(
        `${API}/repos/:owner/:repo/git/commits`,
        log(async ({ params, request }) => {
          if (!this.get(params)) return notFound();
          const body = (await request.json()) as any;
          const sha = this.storeCommit(body.tree, body.parents, body.message);
          return HttpResponse.json(
            {
              sha,
              tree: { sha: body.tree, url: '' },
              message: body.message,
              parents: body.parents.map((p: string) => ({ sha: p, url: '' })),
            },
            { status: 201 },
          );
        }),
      ),
      http.post(
        `${API}/repos/:owner/:repo/git/refs`,
        log(async ({ params, request }) => {
          const repo = this.get(params);
          if (!repo) return notFound();
          const body = (await request.json()) as any;
          if (repo.refs.has(body.ref)) {
            return HttpResponse.json(
              {
                message: 'Reference already exists',
                documentation_url:
                  'https://docs.github.com/rest/git/refs#create-a-reference',
                status: '422',
              },
              { status: 422 },
            );
          }
          repo.refs.set(body.ref, body.sha);
          return HttpResponse.json(
            { ref: body.ref, object: { type: 'commit', sha: body.sha } },
            { status: 201 },
          );
        }),
      ),
      http.patch(
        `${API}/repos/:owner/:repo/git/refs/*`,
        log(async ({ params, request }) => {
          const repo = this.get(params);
          const ref = `refs/${(params as any)[0]}`;
          if (!repo || !repo.refs.has(ref)) return notFound();
          const body = (await request.json()) as any;
          repo.refs.set(ref, body.sha);
          return HttpResponse.json({
            ref,
            object: { type: 'commit', sha: body.sha },
          });
        }),
      ),
      http.get(
        `${API}/repos/:owner/:repo/git/trees/:sha`,
        log(({ params, request }) => {
          const tree = this.trees.get(String(params.sha));
          if (!this.get(params) || !tree) return notFound();
          const recursive = new URL(request.url).searchParams.has('recursive');
          const dirs = new Set<string>();
          const entries: any[] = [];
          for (const [p, f] of [...tree.entries()].sort(([a], [b]) =>
            a.localeCompare(b),
          )) {
            const parts = p.split('/');
            if (!recursive && parts.length > 1) {
              dirs.add(parts[0]);
              continue;
            }
            for (let i = 1; i < parts.length; i++)
              dirs.add(parts.slice(0, i).join('/'));
            entries.push({
              path: p,
              mode: f.mode,
              type: 'blob',
              sha: gitBlobSha(f.content),
              size: f.content.length,
              url: `${API}/repos/${params.owner}/${
                params.repo
              }/git/blobs/${gitBlobSha(f.content)}`,
            });
          }
          for (const d of dirs)
            entries.push({
              path: d,
              mode: '040000',
              type: 'tree',
              sha: sha1(d),
              url: '',
            });
          return HttpResponse.json({
            sha: params.sha,
            url: request.url,
            tree: entries,
            truncated: false,
          });
        }),
      ),
      http.get(
        `${API}/repos/:owner/:repo/git/blobs/:sha`,
        log(({ params }) => {
          const content = this.gitBlobs.get(String(params.sha));
          if (!this.get(params) || !content) return notFound();
          return HttpResponse.json({
            sha: params.sha,
            node_id: 'B_1',
            size: content.length,
            url: '',
            content: content.toString('base64'),
            encoding: 'base64',
          });
        }),
      ),
      http.delete(
        `${API}/repos/:owner/:repo/git/refs/*`,
        log(({ params }) => {
          const repo = this.get(params);
          const ref = `refs/${(params as any)[0]}`;
          if (!repo || !repo.refs.delete(ref)) {
            return HttpResponse.json(
              { message: 'Reference does not exist', status: '422' },
              { status: 422 },
            );
          }
          return new HttpResponse(null, { status: 204 });
        }),
      ),
      http.post(
        `${API}/repos/:owner/:repo/pulls`,
        log(async ({ params, request }) => {
          const repo = this.get(params);
          if (!repo) return notFound();
          const body = (await request.json()) as any;
          if (this.failPulls) {
            return HttpResponse.json(
              {
                message: 'Validation Failed',
                errors: [
                  {
                    resource: 'PullRequest',
                    code: 'custom',
                    message: 'refused by the fake',
                  },
                ],
                documentation_url:
                  'https://docs.github.com/rest/pulls/pulls#create-a-pull-request',
                status: String(this.failPulls),
              },
              { status: this.failPulls },
            );
          }
          const headSha = repo.refs.get(`refs/heads/${body.head}`);
          if (!headSha) return notFound();
          const slug = `${repo.owner}/${repo.name}`;
          const list = this.pulls.get(slug) ?? [];
          const pull: FakePull = {
            number: list.length + 1,
            head: body.head,
            base: body.base,
            title: body.title,
            body: body.body ?? '',
            headSha,
          };
          list.push(pull);
          this.pulls.set(slug, list);
          return HttpResponse.json(this.pullJson(slug, pull), { status: 201 });
        }),
      ),
      http.get(
        `${API}/repos/:owner/:repo/pulls`,
        log(({ params, request }) => {
          const repo = this.get(params);
          if (!repo) return notFound();
          const slug = `${repo.owner}/${repo.name}`;
          const head = new URL(request.url).searchParams.get('head');
          return HttpResponse.json(
            (this.pulls.get(slug) ?? [])
              .filter(p => !head || head === `${repo.owner}:${p.head}`)
              .map(p => this.pullJson(slug, p)),
          );
        }),
      ),
      http.get(
        `${API}/repos/:owner/:repo/branches/:branch/protection`,
        log(({ params, request }) => {
          const repo = this.get(params);
          if (!repo || !repo.refs.has(`refs/heads/${params.branch}`)) {
            return notFound();
          }
          if (!repo.protection) {
            return HttpResponse.json(
              {
                message: 'Branch not protected',
                documentation_url:
                  'https://docs.github.com/rest/branches/branch-protection#get-branch-protection',
                status: '404',
              },
              { status: 404 },
            );
          }
          return HttpResponse.json(
            protectionJson(
              request.url,
              repo.protection,
              !!repo.requiredSignatures,
            ),
          );
        }),
      ),
      http.post(
        `${API}/repos/:owner/:repo/branches/:branch/protection/required_signatures`,
        log(({ params, request }) => {
          const repo = this.get(params);
          if (!repo?.protection) return notFound();
          repo.requiredSignatures = true;
          return HttpResponse.json({ url: request.url, enabled: true });
        }),
      ),
      http.put(
        `${API}/repos/:owner/:repo/branches/:branch/protection`,
        log(async ({ params, request }) => {
          const repo = this.get(params);
          if (!repo || !repo.refs.has(`refs/heads/${params.branch}`)) {
            return notFound();
          }
          repo.protection = await request.json();
          return HttpResponse.json({
            url: `${API}/repos/${repo.owner}/${repo.name}/branches/${params.branch}/protection`,
          });
        }),
      ),
    ];
  }
}
