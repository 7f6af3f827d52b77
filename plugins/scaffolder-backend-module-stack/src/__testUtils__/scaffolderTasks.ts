import type request from 'supertest';

/** Polls `fn` until it returns a value, failing after `ms`. */
export async function waitFor<T>(
  fn: () => Promise<T | undefined>,
  what: string,
  ms = 60_000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 250));
  }
}

/**
 * Creates a task of `templateRef` through `POST /api/scaffolder/v2/tasks`,
 * waits for it to end and returns it with its log and output.
 */
export async function runTask(
  api: () => ReturnType<typeof request.agent>,
  templateRef: string,
  values: Record<string, unknown>,
) {
  const created = await api()
    .post('/api/scaffolder/v2/tasks')
    .send({ templateRef, values });
  if (created.status !== 201) {
    throw new Error(`task not created: ${JSON.stringify(created.body)}`);
  }
  const task = await waitFor(async () => {
    const res = await api().get(`/api/scaffolder/v2/tasks/${created.body.id}`);
    return ['completed', 'failed', 'cancelled'].includes(res.body.status)
      ? res.body
      : undefined;
  }, `task ${created.body.id}`);
  const events = await api().get(
    `/api/scaffolder/v2/tasks/${created.body.id}/events`,
  );
  const log = events.body.map((e: any) => e.body?.message ?? '').join('\n');
  const output = events.body.find((e: any) => e.type === 'completion')?.body
    ?.output;
  return { task, log, output };
}
