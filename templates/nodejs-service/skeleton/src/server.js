import { createApp } from './app.js';
import { createLogger } from './logger.js';
import { createMetrics } from './metrics.js';

const logger = createLogger({ service: '${{ values.name }}' });
const { server, shutdown } = createApp({ logger, metrics: createMetrics() });
const port = Number(process.env.PORT ?? ${{ values.port }});

server.listen(port, () => logger.info('listening', { port }));

// Kubernetes sends SIGTERM and waits terminationGracePeriodSeconds (30 s by default).
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, async () => {
    logger.info('signal received', { signal });
    await shutdown({
      drainDelayMs: Number(process.env.SHUTDOWN_DRAIN_MS ?? 5_000),
      graceMs: Number(process.env.SHUTDOWN_GRACE_MS ?? 20_000),
    });
    process.exit(0);
  });
}
