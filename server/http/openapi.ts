import type { Hono } from 'hono';
import { z } from 'zod';
import { ROLE_TITLES, type Role } from '../contract/auth.ts';
import { SERVES } from './require-role.ts';
import { VALIDATES, type Validates } from './validate.ts';

/** An OpenAPI 3.1 document, as far as this file writes one. */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  components: { securitySchemes: Record<string, unknown> };
  paths: Record<string, Record<string, Operation>>;
}

interface Operation {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  'x-roles': Role[] | 'public';
  parameters?: Parameter[];
  requestBody?: { required: true; content: Record<string, { schema: unknown }> };
  responses: Record<string, { description: string }>;
  security?: Record<string, string[]>[];
}

interface Parameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: unknown;
}

type Handler = (...args: never[]) => unknown;

/**
 * The HTTP API described from its router: every route with its path, the roles it serves (`requireRole`) and the
 * schemas it validates (`zValidator` of `validate.ts`), so the document cannot drift from the code. The answers'
 * shapes are TypeScript types (`server/contract/`), not schemas, so responses are described by status alone.
 */
export function openApiDocument(app: Pick<Hono, 'routes'>, basePath = '/api'): OpenApiDocument {
  const byRoute = new Map<string, { method: string; path: string; handlers: Handler[] }>();
  for (const r of app.routes) {
    if (r.method === 'ALL') continue;
    const key = `${r.method} ${r.path}`;
    const entry = byRoute.get(key) ?? { method: r.method, path: r.path, handlers: [] };
    entry.handlers.push(r.handler as Handler);
    byRoute.set(key, entry);
  }
  const paths: OpenApiDocument['paths'] = {};
  for (const { method, path, handlers } of byRoute.values()) {
    const validates = handlers.flatMap((h) => ((h as unknown as Record<symbol, Validates | undefined>)[VALIDATES] ?? []) as Validates[]);
    const serves = handlers.map((h) => (h as unknown as Record<symbol, Role[] | undefined>)[SERVES]).find((r) => r !== undefined);
    const openPath = path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');
    (paths[openPath] ??= {})[method.toLowerCase()] = operation(method, path, openPath, validates, serves);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Сверка: API',
      version: '1',
      description:
        'API рабочего пространства «Сверка». Вход по сессии (cookie после POST /auth/login) или, для систем РСО, ' +
        'по ключу API (Authorization: Bearer …), который пользователь РСО создаёт на портале. Ответы об ошибках: ' +
        '{ code, message } с сообщением на русском.',
    },
    servers: [{ url: basePath }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'sverka_session' },
        apiToken: { type: 'http', scheme: 'bearer', description: 'Ключ API организации (только для роли «Поставщик (РСО)»)' },
      },
    },
    paths,
  };
}

function operation(method: string, path: string, openPath: string, validates: Validates[], serves: Role[] | undefined): Operation {
  const tag = path.split('/').filter(Boolean)[0] ?? 'api';
  const parameters: Parameter[] = [];
  const pathNames = [...path.matchAll(/:(\w+)(\{([^}]*)\})?/g)];
  const paramSchema = validates.find((v) => v.target === 'param');
  const paramProps = paramSchema ? propertiesOf(paramSchema.schema) : {};
  for (const m of pathNames) {
    const name = m[1] as string;
    parameters.push({ name, in: 'path', required: true, schema: paramProps[name] ?? (m[3] ? { type: 'string', pattern: `^${m[3]}$` } : { type: 'string' }) });
  }
  const query = validates.find((v) => v.target === 'query');
  if (query) {
    const json = jsonSchema(query.schema);
    const required = new Set(Array.isArray(json.required) ? (json.required as string[]) : []);
    for (const [name, schema] of Object.entries(propertiesOf(query.schema))) parameters.push({ name, in: 'query', required: required.has(name), schema });
  }
  const content: Record<string, { schema: unknown }> = {};
  for (const v of validates) {
    if (v.target === 'json') content['application/json'] = { schema: jsonSchema(v.schema) };
    if (v.target === 'form') content['multipart/form-data'] = { schema: withFiles(jsonSchema(v.schema)) };
  }
  const roles = serves ?? 'public';
  const op: Operation = {
    operationId: `${method.toLowerCase()}${openPath.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, ch: string | undefined) => (ch ?? '').toUpperCase())}`,
    tags: [tag],
    summary: `${method} ${openPath}`,
    description: roles === 'public' ? 'Без входа.' : `Роли: ${roles.map((r) => ROLE_TITLES[r]).join(', ')}.`,
    'x-roles': roles,
    responses: {
      '200': { description: 'Успешно' },
      ...(validates.length > 0 && { '400': { description: 'Запрос не прошёл проверку (поля названы в сообщении)' } }),
      ...(roles !== 'public' && { '401': { description: 'Нужен вход' }, '403': { description: 'Недостаточно прав' } }),
    },
    ...(parameters.length > 0 && { parameters }),
    ...(Object.keys(content).length > 0 && { requestBody: { required: true as const, content } }),
    ...(roles !== 'public' && { security: roles.includes('rso') ? [{ session: [] }, { apiToken: [] }] : [{ session: [] }] }),
  };
  return op;
}

/** The request's schema as JSON Schema (what a client sends, before transforms); what zod cannot say becomes `{}`. */
function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  try {
    const { $schema: _s, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    return rest;
  } catch {
    return {};
  }
}

function propertiesOf(schema: z.ZodType): Record<string, unknown> {
  const json = jsonSchema(schema);
  return typeof json.properties === 'object' && json.properties !== null ? (json.properties as Record<string, unknown>) : {};
}

/** A form field zod takes as anything (`z.instanceof(File)` and the like) is a file part of the multipart body. */
function withFiles(json: Record<string, unknown>): Record<string, unknown> {
  const props = json.properties as Record<string, Record<string, unknown>> | undefined;
  if (!props) return json;
  const files = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, Object.keys(v).length === 0 ? { type: 'string', format: 'binary' } : v]));
  return { ...json, properties: files };
}
