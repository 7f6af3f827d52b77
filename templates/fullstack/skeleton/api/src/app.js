import http from 'node:http';

/**
 * The API behind the web frontend (/api is routed here by the web → api link).
 * Each link in stack.yaml injects its connection settings as environment
 * variables; /api/ reports which of them this pod received.
 */
export function createApp({ env = process.env } = {}) {
  let ready = true;
  // Link rules name variables <PREFIX>_DATABASE, <PREFIX>_QUEUE, <PREFIX>_BUCKET, …
  const has = suffix => Object.keys(env).some(k => k.endsWith(suffix));
  const wiring = () => ({
    database: has('_DATABASE'),
    queue: has('_QUEUE'),
    bucket: has('_BUCKET'),
  });
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const send = (code, body) => {
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (path === '/health') return send(200, { status: 'ok' });
    if (path === '/ready') return send(ready ? 200 : 503, { status: ready ? 'ready' : 'shutting down' });
    if (path === '/api/' || path === '/') return send(200, { service: '${{ values.name }}-api', wiring: wiring() });
    return send(404, { error: 'not found' });
  });
  const shutdown = () => {
    ready = false;
    return new Promise(resolve => server.close(resolve));
  };
  return { server, shutdown };
}
