/**
 * Process helpers shared by the backend's Jest tests and the browser tests in
 * e2e/ (which import this file through Node's type stripping, so it uses no
 * CommonJS globals and no TypeScript-only syntax).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

/** A free loopback port (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** Spawns a Node helper process that prints one JSON line when it is ready. */
export async function spawnJson(
  args: string[],
  cwd = process.cwd(),
): Promise<{ child: ChildProcess; info: any }> {
  const child = spawn(process.execPath, args, {
    cwd,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const first = await createInterface({ input: child.stdout! })
    [Symbol.asyncIterator]()
    .next();
  if (first.done)
    throw new Error(`${args.join(' ')} exited before it was ready`);
  return { child, info: JSON.parse(first.value) };
}
