import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { createApp } from '../src/app.js';
import { createLogger } from '../src/logger.js';
import { createMetrics } from '../src/metrics.js';

describe('${{ values.name }}', () => {
  const lines = [];
  const logger = createLogger({ service: 'test', write: l => lines.push(JSON.parse(l)) });
  const { server, shutdown } = createApp({ logger, metrics: createMetrics() });
  let base;

  before(async () => {
    server.listen(0);
    await once(server, 'listening');
    base = `http://127.0.0.1:${server.address().port}`;
  });
  after(() => server.close());

  it('answers /health and /ready', async () => {
    assert.equal((await fetch(`${base}/health`)).status, 200);
    const ready = await fetch(`${base}/ready`);
    assert.deepEqual(await ready.json(), { status: 'ready' });
  });

  it('counts requests and times them in /metrics, labelled by route', async () => {
    await fetch(`${base}/`);
    await fetch(`${base}/no/such/path`);
    const text = await (await fetch(`${base}/metrics`)).text();
    assert.match(text, /http_requests_total\{method="GET",route="\/",status="200"\} 1/);
    assert.match(text, /http_requests_total\{method="GET",route="unmatched",status="404"\} 1/);
    assert.match(text, /http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/",status="200"\}/);
    assert.match(text, /process_cpu_seconds_total/);
  });

  it('writes JSON logs carrying the active trace id', () => {
    // The SDK installs an async-hooks context manager; a synchronous one is enough here.
    let active = ROOT_CONTEXT;
    context.setGlobalContextManager({
      active: () => active,
      with: (ctx, fn, thisArg, ...args) => {
        const previous = active;
        active = ctx;
        try {
          return fn.call(thisArg, ...args);
        } finally {
          active = previous;
        }
      },
      bind: (_ctx, target) => target,
      enable() {
        return this;
      },
      disable() {
        return this;
      },
    });
    const spanContext = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 1 };
    context.with(trace.setSpanContext(context.active(), spanContext), () => logger.info('traced', { a: 1 }));
    logger.info('plain');
    context.disable();
    const traced = lines.find(l => l.message === 'traced');
    assert.equal(traced.trace_id, spanContext.traceId);
    assert.equal(traced.span_id, spanContext.spanId);
    assert.equal(traced.a, 1);
    const plain = lines.find(l => l.message === 'plain');
    assert.equal(plain.trace_id, undefined);
    assert.equal(plain.level, 'info');
    assert.equal(plain.service, 'test');
    assert.ok(!Number.isNaN(Date.parse(plain.time)));
  });

  it('fails /ready at once on shutdown, serves while draining, then stops accepting connections', async () => {
    const done = shutdown({ drainDelayMs: 300, graceMs: 1_000 });
    const ready = await fetch(`${base}/ready`);
    assert.equal(ready.status, 503);
    assert.equal((await fetch(`${base}/health`)).status, 200);
    await done;
    await assert.rejects(fetch(`${base}/health`));
    assert.ok(lines.some(l => l.message === 'shutting down'));
  });
});
