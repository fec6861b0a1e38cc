// The served OpenAPI document is valid OpenAPI 3.1 (checked by a validator of the spec's schema).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { openSqliteStore } from '@relais/store';
import { expect, it } from 'vitest';
import { buildServer } from '../app.ts';

it('serves a valid OpenAPI 3.1 document covering every route', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'relais-openapi-'));
  const store = openSqliteStore({ file: path.join(dir, 'relais.sqlite') });
  await store.migrate();
  const server = await buildServer({ store });
  try {
    const document = (await server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const operations = Object.values(document.paths).reduce(
      (n, methods) => n + Object.keys(methods).length,
      0,
    );
    expect(operations).toBe(server.context.routes.length);
  } finally {
    await server.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
