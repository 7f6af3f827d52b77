/**
 * Load clients of the benchmark, run in a worker thread so their CPU does
 * not queue behind the backend's event loop. Each client repeats entity
 * views, each made of the requests that plugin's own frontend sends, and
 * posts back the latency of every view (first request to last body).
 */
import { parentPort, workerData } from 'node:worker_threads';

/** `stack` mixes single views and catalog pages (batch); the peers have no batch. */
export type Plugin = 'stack' | 'roadie' | 'community';
export type Kind = 'single' | 'batch';

export interface LoadJob {
  base: string;
  plugin: Plugin;
  auth: string;
  refs: string[];
  /** Configured Argo CD instance names (the community frontend asks each). */
  instances: string[];
  clients: number;
  deadline: number;
  batchSize: number;
  /** Share of stack views that are a catalog page (batch). */
  batchShare: number;
  /** Views per second per client; 0 = closed loop (next view as soon as one returns). */
  rate: number;
}

export interface LoadResult {
  latencies: Record<Kind, number[]>;
  errors: number;
  /** Views whose answer named no Application of the entity (a wrong setup, not a slow one). */
  empty: number;
  /** The first few failures, for the log. */
  errorSamples: string[];
}

const selectorOf = (ref: string) =>
  `idp.platform/repo=${ref.slice(ref.lastIndexOf('/') + 1)}`;

async function run(job: LoadJob) {
  const result: LoadResult = {
    latencies: { single: [], batch: [] },
    errors: 0,
    empty: 0,
    errorSamples: [],
  };
  const pick = () => job.refs[Math.floor(Math.random() * job.refs.length)];
  const get = async (path: string) => {
    const res = await fetch(`${job.base}/${path}`, {
      headers: { Authorization: job.auth },
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${res.status} ${path} ${text.slice(0, 200)}`);
    return JSON.parse(text);
  };
  const names = (list: { items?: Array<{ metadata: { name: string } }> }) =>
    (list.items ?? []).map(i => i.metadata.name);

  /** One entity view; resolves to the Application names it showed. */
  async function view(kind: Kind, ref: string): Promise<number> {
    const selector = encodeURIComponent(selectorOf(ref));
    if (job.plugin === 'stack') {
      if (kind === 'batch') {
        const res = await fetch(`${job.base}/stack/health/batch`, {
          method: 'POST',
          headers: {
            Authorization: job.auth,
            'Content-Type': 'application/json',
          },
          body: JSON.stringify({
            entityRefs: [
              ref,
              ...Array.from({ length: job.batchSize - 1 }, pick),
            ],
          }),
        });
        const body = await res.json();
        if (!res.ok) {
          throw new Error(`${res.status} batch ${JSON.stringify(body)}`);
        }
        return body.items[0].health?.environments.length ?? 0;
      }
      const body = await get(`stack/health/${ref.replace(':', '/')}`);
      return body.environments.length;
    }
    if (job.plugin === 'roadie') {
      // Roadie's frontend: find the instances holding the selector, then list on each.
      const found: Array<{ name: string }> = await get(
        `argocd/find/selector/${selector}`,
      );
      const lists = await Promise.all(
        found.map(i =>
          get(
            `argocd/argoInstance/${encodeURIComponent(
              i.name,
            )}/applications/selector/${selector}`,
          ),
        ),
      );
      return lists.flatMap(names).length;
    }
    // Community frontend: one list per configured instance.
    const lists = await Promise.all(
      job.instances.map(i =>
        get(
          `backstage-community-argocd/argoInstance/${encodeURIComponent(
            i,
          )}/applications/selector/${selector}`,
        ),
      ),
    );
    return lists.flatMap(names).length;
  }

  async function client() {
    const interval = job.rate > 0 ? 1000 / job.rate : 0;
    // Spread the clients' first views over one interval.
    let next = Date.now() + Math.random() * interval;
    while (Date.now() < job.deadline) {
      if (interval) {
        const wait = next - Date.now();
        if (wait > 0) await new Promise(r => setTimeout(r, wait));
        next += interval;
      }
      const kind: Kind =
        job.plugin === 'stack' && Math.random() < job.batchShare
          ? 'batch'
          : 'single';
      const t0 = performance.now();
      try {
        // Every entity of the bench has dev, stage and prod.
        if ((await view(kind, pick())) < 3) result.empty++;
      } catch (e) {
        result.errors++;
        if (result.errorSamples.length < 3) {
          result.errorSamples.push(String((e as Error)?.message ?? e));
        }
      }
      result.latencies[kind].push(performance.now() - t0);
    }
  }
  await Promise.all(Array.from({ length: job.clients }, client));
  parentPort!.postMessage(result);
}

run(workerData as LoadJob);
