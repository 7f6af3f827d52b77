import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigSources } from '@backstage/config-loader';
import { JsonObject } from '@backstage/types';
import { resolve } from 'node:path';
import request from 'supertest';

/** The repo's app-config.yaml as data, with its file locations anchored at packages/backend. */
export async function loadAppConfig(): Promise<JsonObject> {
  const config = await ConfigSources.toConfig(
    ConfigSources.default({
      argv: ['--config', resolve(__dirname, '../../../../app-config.yaml')],
      env: {},
      watch: false,
    }),
  );
  const data = config.get<JsonObject>();
  config.close();
  // The file locations are relative to packages/backend, where the backend
  // runs; Jest may run from the repo root, so anchor them there.
  const catalog = data.catalog as { locations: { target: string }[] };
  for (const location of catalog.locations) {
    location.target = resolve(__dirname, '../..', location.target);
  }
  return data;
}

/** Waits until the catalog serves `kind:name` (read as a service). */
export async function waitForEntity(server: any, ref: string) {
  const [kind, name] = ref.split(':');
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await request(server)
      .get(`/api/catalog/entities/by-name/${kind}/default/${name}`)
      .set('Authorization', mockCredentials.service.header());
    if (res.status === 200) return res.body;
    if (Date.now() > deadline) {
      throw new Error(
        `${ref} did not appear in the catalog: ${res.status} ${res.text}`,
      );
    }
    await new Promise(r => setTimeout(r, 250));
  }
}
