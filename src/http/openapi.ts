import { z } from 'zod';
import { routeRegistry } from './route.ts';

const toSchema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });

const errorSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        fields: {
          type: 'array',
          items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } },
        },
      },
    },
  },
};

/** OpenAPI 3.1 generated from the zod schemas of the registered routes. */
export function buildOpenApi(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routeRegistry) {
    const path = r.url.replace(/:(\w+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['path', r.params],
      ['query', r.query],
    ] as const) {
      if (!schema) continue;
      const js = toSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, prop] of Object.entries(js.properties ?? {})) {
        parameters.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema: prop });
      }
    }
    const ok = String(r.successStatus ?? 200);
    const op: Record<string, unknown> = {
      summary: r.summary,
      tags: r.tags,
      operationId: `${r.method.toLowerCase()}_${path.replace(/[^a-zA-Z0-9]+/g, '_')}`,
      ...(parameters.length ? { parameters } : {}),
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(r.body) } } } } : {}),
      ...(r.auth === 'none' ? { security: [] } : {}),
      responses: {
        [ok]: {
          description: 'OK',
          ...(r.produces
            ? { content: { [r.produces]: { schema: { type: 'string', format: 'binary' } } } }
            : r.response
              ? { content: { 'application/json': { schema: toSchema(r.response) } } }
              : {}),
        },
        '400': {
          description: 'Invalid input; `fields` names each offending field',
          content: { 'application/json': { schema: errorSchema } },
        },
        ...(r.auth === 'none' ? {} : { '401': { description: 'Not logged in' }, '403': { description: 'Not allowed' } }),
      },
    };
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[r.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Mutu API', version: '1', description: 'Mutu: SKM, SPKP/SPAK, RTL and SAKIP for BPOM' },
    components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'mutu_session' } } },
    security: [{ session: [] }],
    paths,
  };
}
