import { createApp } from './app.js';

const { server, shutdown } = createApp();
server.listen(Number(process.env.PORT ?? 8080));
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, async () => {
    await shutdown();
    process.exit(0);
  });
}
