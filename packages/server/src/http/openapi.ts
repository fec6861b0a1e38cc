// The OpenAPI 3.1 document, written from the route declarations (OpenAPI 3.1 schemas are JSON
// Schema 2020-12, which is what zod emits).
import { z } from 'zod';
import type { AnyRoute } from './route.ts';

type Json = Record<string, unknown>;

const schemaOf = (schema: z.ZodType, io: 'input' | 'output'): Json => {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  delete json.$schema;
  return json;
};

function parameters(spec: AnyRoute): Json[] {
  const out: Json[] = [];
  const add = (where: 'path' | 'query', schema: z.ZodType | undefined): void => {
    if (schema === undefined) return;
    const json = schemaOf(schema, 'input') as {
      properties?: Record<string, Json>;
      required?: string[];
    };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      out.push({
        name,
        in: where,
        required: where === 'path' || (json.required ?? []).includes(name),
        schema: property,
      });
    }
  };
  add('path', spec.params);
  add('query', spec.query);
  for (const [name, description] of Object.entries(spec.headers ?? {})) {
    out.push({ name, in: 'header', required: false, description, schema: { type: 'string' } });
  }
  return out;
}

export function openApiDocument(routes: readonly AnyRoute[], version: string): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const spec of routes) {
    const path = spec.url.replace(/:([A-Za-z]+)/g, '{$1}');
    const responses: Json = {};
    for (const [status, response] of Object.entries(spec.responses)) {
      responses[status] = {
        description: response.description,
        ...(response.schema === undefined
          ? {}
          : { content: { 'application/json': { schema: schemaOf(response.schema, 'output') } } }),
      };
    }
    if (spec.roles !== 'public') {
      responses['401'] ??= {
        description: 'no credentials, or expired',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
      responses['403'] ??= {
        description: 'your role may not do this',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
    (paths[path] ??= {})[spec.method.toLowerCase()] = {
      summary: spec.summary,
      tags: [spec.tag],
      ...(spec.roles === 'public' ? { security: [] } : { 'x-roles': spec.roles }),
      parameters: parameters(spec),
      ...(spec.body === undefined
        ? {}
        : {
            requestBody: {
              required: true,
              content: {
                [spec.bodyType ?? 'application/json']: { schema: schemaOf(spec.body, 'input') },
              },
            },
          }),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Relais API',
      version,
      description:
        'Contact-center routing, real-time state and configuration. Errors: { "error": { "code", "message", "details" } }.',
    },
    servers: [{ url: '/' }],
    security: [{ apiKey: [] }, { session: [] }],
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'API key rk_<id>_<secret>' },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'relais_session',
          description: 'writes also need the x-csrf-token header',
        },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
            },
          },
        },
      },
    },
    paths,
  };
}

const escape = (text: string): string => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A readable reference page, no script and no external assets (the CSP forbids both). */
export function docsPage(document: Json): string {
  const paths = document.paths as Record<
    string,
    Record<
      string,
      {
        summary: string;
        tags: string[];
        'x-roles'?: string[];
        parameters: Json[];
        requestBody?: Json;
      }
    >
  >;
  const byTag = new Map<string, string[]>();
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags[0] ?? 'other';
      const params = op.parameters
        .map((p) => `<code>${escape(String(p.name))}</code> (${escape(String(p.in))})`)
        .join(', ');
      const body =
        op.requestBody === undefined
          ? ''
          : `<details><summary>body schema</summary><pre>${escape(JSON.stringify(Object.values((op.requestBody as { content: Record<string, { schema: unknown }> }).content)[0]?.schema, null, 2))}</pre></details>`;
      const roles = op['x-roles'] === undefined ? 'public' : op['x-roles'].join(', ');
      const row = `<section><h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${escape(path)}</code></h3><p>${escape(op.summary)}</p><p class="meta">Roles: ${escape(roles)}${params === '' ? '' : ` · Parameters: ${params}`}</p>${body}</section>`;
      byTag.set(tag, [...(byTag.get(tag) ?? []), row]);
    }
  }
  const sections = [...byTag]
    .map(([tag, rows]) => `<h2 id="${escape(tag)}">${escape(tag)}</h2>${rows.join('')}`)
    .join('');
  const toc = [...byTag.keys()]
    .map((tag) => `<a href="#${escape(tag)}">${escape(tag)}</a>`)
    .join(' · ');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Relais API reference</title><style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h3{font-size:1rem;margin:1.2rem 0 .2rem}code{background:#f3f3f3;padding:0 .2rem}.meta{color:#666;font-size:.9rem}
.m{display:inline-block;min-width:4rem;font-weight:700}.get{color:#1565c0}.post{color:#2e7d32}.put{color:#ef6c00}.delete{color:#c62828}
pre{background:#f7f7f7;padding:.5rem;overflow:auto;font-size:.8rem}</style></head><body>
<h1>Relais API reference</h1><p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Authenticate with <code>Authorization: Bearer rk_…</code> or a session cookie from <code>POST /api/v1/auth/login</code> (writes then need the <code>x-csrf-token</code> header). Errors are <code>{"error":{"code","message","details"}}</code>.</p>
<p>${toc}</p>${sections}</body></html>`;
}
