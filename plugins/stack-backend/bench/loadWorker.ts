/**
 * Load clients of the benchmark, run in a worker thread so their CPU does
 * not queue behind the backend's event loop. Posts back latencies per kind.
 */
import { parentPort, workerData } from 'node:worker_threads';

export type Kind = 'single' | 'builds' | 'batch';

export interface LoadJob {
  base: string;
  plugin: string;
  auth: string;
  refs: string[];
  clients: number;
  deadline: number;
  batchSize: number;
  /** Requests per second per client; 0 = closed loop (next request as soon as one returns). */
  rate: number;
}

// The mix: 70% single health, 20% builds, 10% batch.
function pickKind(r: number): Kind {
  if (r < 0.7) return 'single';
  if (r < 0.9) return 'builds';
  return 'batch';
}

async function run(job: LoadJob) {
  const latencies: Record<Kind, number[]> = {
    single: [],
    builds: [],
    batch: [],
  };
  let errors = 0;
  const pick = () => job.refs[Math.floor(Math.random() * job.refs.length)];
  const pathOf = (ref: string) => ref.replace(':', '/');
  async function client() {
    const interval = job.rate > 0 ? 1000 / job.rate : 0;
    // Spread the clients' first requests over one interval.
    let next = Date.now() + Math.random() * interval;
    while (Date.now() < job.deadline) {
      if (interval) {
        const wait = next - Date.now();
        if (wait > 0) await new Promise(r => setTimeout(r, wait));
        next += interval;
      }
      const kind = pickKind(Math.random());
      const t0 = performance.now();
      try {
        const res =
          kind === 'batch'
            ? await fetch(`${job.base}/${job.plugin}/health/batch`, {
                method: 'POST',
                headers: {
                  Authorization: job.auth,
                  'Content-Type': 'application/json',
                },
                body: JSON.stringify({
                  entityRefs: Array.from({ length: job.batchSize }, pick),
                }),
              })
            : await fetch(
                `${job.base}/${job.plugin}/${
                  kind === 'single' ? 'health' : 'builds'
                }/${pathOf(pick())}`,
                { headers: { Authorization: job.auth } },
              );
        await res.arrayBuffer();
        if (!res.ok) errors++;
      } catch {
        errors++;
      }
      latencies[kind].push(performance.now() - t0);
    }
  }
  await Promise.all(Array.from({ length: job.clients }, client));
  parentPort!.postMessage({ latencies, errors });
}

run(workerData as LoadJob);
