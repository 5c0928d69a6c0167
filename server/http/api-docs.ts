import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import type { AppEnv } from './env.ts';
import { openApiDocument, type OpenApiDocument } from './openapi.ts';

/**
 * `/openapi.json` and `/docs`: the API's description for the РСО's billing systems and their integrators, read off
 * the router the first time it is asked for (`described()` gives the finished API). Public: it names routes and
 * fields, never data.
 */
export function apiDocsRoutes(described: () => Parameters<typeof openApiDocument>[0]) {
  let doc: OpenApiDocument | undefined;
  const document = (): OpenApiDocument => (doc ??= openApiDocument(described()));
  return new Hono<AppEnv>()
    .get('/openapi.json', (c) => c.json(document()))
    .get('/docs', (c) => c.html(docsPage(document())));
}

const escape = (s: string): string => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** A plain page, no script (the CSP allows none inline): each operation with its roles, parameters and body. */
function docsPage(doc: OpenApiDocument) {
  const sections = Object.entries(doc.paths)
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => {
        const params = (op.parameters ?? []).map((p) => `<li><code>${escape(p.name)}</code> (${p.in}${p.required ? ', обязательный' : ''}): <code>${escape(JSON.stringify(p.schema))}</code></li>`).join('');
        const body = op.requestBody
          ? Object.entries(op.requestBody.content).map(([type, c]) => `<p>Тело (<code>${escape(type)}</code>):</p><pre>${escape(JSON.stringify(c.schema, null, 2))}</pre>`).join('')
          : '';
        return `<section id="${escape(op.operationId)}"><h2><code>${method.toUpperCase()} ${escape(doc.servers[0]?.url ?? '')}${escape(path)}</code></h2><p>${escape(op.description ?? '')}</p>${params ? `<ul>${params}</ul>` : ''}${body}</section>`;
      }),
    );
  return html`<!doctype html>
<html lang="ru">
  <head>
    <meta charset="utf-8" />
    <title>${doc.info.title}</title>
  </head>
  <body>
    <h1>${doc.info.title}</h1>
    <p>${doc.info.description}</p>
    <p>Машиночитаемое описание (OpenAPI 3.1): <a href="openapi.json">openapi.json</a>. Операций: ${sections.length}.</p>
    ${raw(sections.join('\n'))}
  </body>
</html>`;
}
