import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';

/** An API shown on the docs page. */
export interface DocsSpec {
  /** Heading, e.g. `Kingdee JDY`. */
  name: string;
  /** URL of the OpenAPI document, relative to the sandbox. */
  url: string;
}

// Served from the installed swagger-ui-dist package, never a CDN: the docs page works offline.
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

const assetDir = (): string =>
  dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The docs page: one Swagger UI section per provider API, rendered from the sandbox's OpenAPI documents. */
export function renderDocsPage(specs: readonly DocsSpec[]): string {
  const sections = specs
    .map(
      (spec, i) =>
        `<section class="api" aria-label="${escapeHtml(spec.name)}"><h2 class="api-name">${escapeHtml(spec.name)}</h2><div id="api-${i}"></div></section>`,
    )
    .join('\n');
  // JSON in a script tag: escape "<" so a spec name cannot close the tag.
  const config = JSON.stringify(specs).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>inv sandbox — API reference</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
<style>body{margin:0;font-family:system-ui,sans-serif}header{padding:16px 24px;background:#1b1f24;color:#fff}
header p{margin:4px 0 0;color:#c9d1d9}.api{border-bottom:4px solid #eee;padding-top:8px}.api-name{margin:16px 24px 0}</style>
</head>
<body>
<header><h1>inv sandbox</h1><p>Local stand-ins for the Kingdee JDY and Winit gateways. Signatures, timestamps, nonces and tokens are verified as the real gateways do.</p></header>
${sections}
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>
const specs = ${config};
specs.forEach((spec, i) => {
  window['ui' + i] = SwaggerUIBundle({ url: spec.url, dom_id: '#api-' + i, deepLinking: false, docExpansion: 'list', tryItOutEnabled: false });
});
</script>
</body>
</html>`;
}

/** Routes for `/docs` and its static assets. */
export function docsRoutes(specs: readonly DocsSpec[]): Hono {
  const app = new Hono();
  const page = renderDocsPage(specs);
  app.get('/docs', (c) => c.html(page));
  app.get('/docs/assets/:file', async (c) => {
    const file = c.req.param('file');
    const type = ASSETS[file];
    if (!type) return c.json({ error: 'not_found', message: `no docs asset named ${file}` }, 404);
    const body = await readFile(join(assetDir(), file));
    return c.body(body, 200, { 'content-type': type, 'cache-control': 'public, max-age=3600' });
  });
  return app;
}
