/**
 * The benchmark's fake Argo CD instances, run in a worker thread so their
 * JSON work is not done on the backend's event loop (it would count against
 * whichever plugin calls Argo CD most). Posts `{ urls }` when listening,
 * answers `'stats'` with each instance's `Calls`, and `'close'` by closing.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { appsFor, fakeArgoServer } from './fakeUpstreams';

export interface FakeArgoJob {
  instances: Array<{
    repos: string[];
    token: string;
    username: string;
    password: string;
  }>;
  lifetimeMs: number;
}

async function main(job: FakeArgoJob) {
  const servers = await Promise.all(
    job.instances.map(i =>
      fakeArgoServer(appsFor(i.repos), i.token, job.lifetimeMs, {
        username: i.username,
        password: i.password,
      }),
    ),
  );
  parentPort!.on('message', async message => {
    if (message === 'stats') {
      parentPort!.postMessage({ stats: servers.map(s => ({ ...s.calls })) });
    } else if (message === 'close') {
      await Promise.all(servers.map(s => s.close()));
      parentPort!.postMessage({ closed: true });
    }
  });
  parentPort!.postMessage({ urls: servers.map(s => s.url) });
}

main(workerData as FakeArgoJob);
