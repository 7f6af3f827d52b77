import http from 'node:http';

/**
 * The HTTP service: /health (alive), /ready (accepting traffic), /metrics
 * (Prometheus) and the application routes. Route labels are the matched
 * route, never the raw URL, so metrics cardinality stays bounded.
 */
export function createApp({ logger, metrics }) {
  let ready = true;
  const routes = {
    'GET /health': () => [200, { status: 'ok' }],
    'GET /ready': () => (ready ? [200, { status: 'ready' }] : [503, { status: 'shutting down' }]),
    'GET /': () => [200, { service: '${{ values.name }}' }],
  };

  const server = http.createServer(async (req, res) => {
    const end = metrics.duration.startTimer();
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    let route = `${req.method} ${path}`;
    let status;
    try {
      if (route === 'GET /metrics') {
        status = 200;
        res.writeHead(200, { 'content-type': metrics.registry.contentType });
        res.end(await metrics.registry.metrics());
      } else {
        const handler = routes[route];
        if (!handler) route = 'unmatched';
        const [code, body] = handler ? handler(req) : [404, { error: 'not found' }];
        status = code;
        res.writeHead(code, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      }
    } catch (error) {
      status = 500;
      logger.error('request failed', { route, error: String(error) });
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'internal error' }));
    }
    const labels = { method: req.method, route: route.replace(/^\S+ /, ''), status };
    metrics.requests.inc(labels);
    end(labels);
  });

  /**
   * Graceful shutdown: /ready fails at once so Kubernetes takes the pod out of
   * the Service, requests keep being served for `drainDelayMs` while that
   * propagates, then the server closes and open connections get `graceMs`.
   */
  async function shutdown({ drainDelayMs = 5_000, graceMs = 10_000 } = {}) {
    ready = false;
    logger.info('shutting down', { drainDelayMs, graceMs });
    await new Promise(resolve => setTimeout(resolve, drainDelayMs));
    await new Promise(resolve => {
      const timer = setTimeout(() => {
        server.closeAllConnections();
        resolve();
      }, graceMs);
      timer.unref();
      server.close(() => {
        clearTimeout(timer);
        resolve();
      });
      server.closeIdleConnections();
    });
  }

  return { server, shutdown };
}
