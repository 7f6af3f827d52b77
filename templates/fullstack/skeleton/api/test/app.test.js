import assert from 'node:assert/strict';
import { once } from 'node:events';
import { test } from 'node:test';
import { createApp } from '../src/app.js';

test('reports health and the wiring its links injected', async () => {
  const { server, shutdown } = createApp({
    env: { DB_SHOP_DATABASE: 'shop', MQ_SHOP_EVENTS_QUEUE: 'shop-events' },
  });
  server.listen(0);
  await once(server, 'listening');
  const base = `http://127.0.0.1:${server.address().port}`;
  assert.equal((await fetch(`${base}/health`)).status, 200);
  const body = await (await fetch(`${base}/api/`)).json();
  assert.deepEqual(body.wiring, { database: true, queue: true, bucket: false });
  await shutdown();
  await assert.rejects(fetch(`${base}/health`));
});
