/**
 * Landing pages: `GET /` says where everything is (the docs page, the OpenAPI documents, the admin
 * routes, base URLs and test credentials), and `GET /_sandbox` answers HTML to a browser. Both
 * answer JSON to anything that does not ask for `text/html`.
 */
import { KINGDEE_SANDBOX_CREDENTIALS } from '@inv/kingdee-protocol';
import { WINIT_SANDBOX_CREDENTIALS, WINIT_SERVICE_PATH } from '@inv/winit-protocol';
import { Hono } from 'hono';
import { escapeHtml, htmlPage, wantsHtml } from './html.js';

export interface LandingOptions {
  /** OpenAPI documents by name, e.g. `{ "Kingdee JDY": "/openapi/kingdee.json" }`. */
  documents: Readonly<Record<string, string>>;
}

/** What `GET /` answers as JSON; the HTML page shows the same. */
export function sandboxIndex(origin: string, options: LandingOptions): Record<string, unknown> {
  return {
    name: 'inv sandbox',
    docs: `${origin}/docs`,
    openapi: Object.fromEntries(
      Object.entries(options.documents).map(([name, url]) => [name, `${origin}${url}`]),
    ),
    admin: `${origin}/_sandbox`,
    inspector: `${origin}/_sandbox/inspector`,
    health: `${origin}/health`,
    baseUrls: { kingdee: origin, winit: origin, winitService: `${origin}${WINIT_SERVICE_PATH}` },
    credentials: { kingdee: KINGDEE_SANDBOX_CREDENTIALS, winit: WINIT_SANDBOX_CREDENTIALS },
    note: 'Public test credentials: they open this sandbox only.',
  };
}

const page = (title: string, main: string): string =>
  htmlPage({
    title,
    intro:
      'Local stand-ins for the Kingdee JDY and Winit gateways. <a href="/">Home</a> · <a href="/docs">API reference</a> · <a href="/_sandbox/inspector">Request inspector</a> · <a href="/_sandbox">Admin routes</a>',
    main,
  });

const link = (url: string, text = url): string =>
  `<a href="${escapeHtml(url)}">${escapeHtml(text)}</a>`;

function indexPage(origin: string, options: LandingOptions): string {
  const k = KINGDEE_SANDBOX_CREDENTIALS;
  const w = WINIT_SANDBOX_CREDENTIALS;
  const rows = (pairs: [string, string][]): string =>
    pairs
      .map(
        ([name, value]) =>
          `<tr><th>${escapeHtml(name)}</th><td><code>${escapeHtml(value)}</code></td></tr>`,
      )
      .join('');
  return page(
    'inv sandbox',
    `<h2>Try it</h2>
<p>${link('/docs', 'API reference with try-it')}: every operation of both gateways, signed for you.</p>
<h2>OpenAPI documents</h2>
<ul>${Object.entries(options.documents)
      .map(([name, url]) => `<li>${escapeHtml(name)}: ${link(url)}</li>`)
      .join('')}</ul>
<h2>Base URLs</h2>
<table class="routes">${rows([
      ['Kingdee JDY gateway', origin],
      ['Winit gateway', `${origin}${WINIT_SERVICE_PATH}`],
    ])}</table>
<h2>Test credentials</h2>
<table class="routes">${rows([
      ['Kingdee client_id', k.clientId],
      ['Kingdee client_secret', k.clientSecret],
      ['Kingdee account outerInstanceId', k.account.outerInstanceId],
      ['Kingdee account appKey / appSecret', `${k.account.appKey} / ${k.account.appSecret}`],
      ['Kingdee account domain', k.account.domain],
      ['Winit app_key', w.appKeys.join(' or ')],
      ['Winit token', w.token],
      ['Winit client_id / client_secret (app mode)', `${w.clientId} / ${w.clientSecret}`],
    ])}</table>
<p class="hint">Public test credentials: they open this sandbox only.</p>
<h2>Admin</h2>
<p>${link('/_sandbox/inspector', 'Request inspector')}: the last requests live; open one to see why it was refused.</p>
<p>${link('/_sandbox', 'Admin routes')} (reset, dataset, stock, changes, requests, faults) · ${link('/health')}</p>`,
  );
}

function adminPage(routes: Record<string, string>): string {
  const rows = Object.entries(routes)
    .map(([route, what]) => {
      const [method = '', path = ''] = route.split(' ');
      const target = method === 'GET' ? link(path) : `<code>${escapeHtml(path)}</code>`;
      return `<tr><td>${escapeHtml(method)}</td><td>${target}</td><td>${escapeHtml(what)}</td></tr>`;
    })
    .join('');
  return page(
    'inv sandbox · admin routes',
    `<h2>Admin routes</h2><table class="routes"><tr><th>method</th><th>route</th><th>what it does</th></tr>${rows}
<tr><td>POST</td><td><code>/_sandbox/sign</code></td><td>sandbox-only helper of the docs page: signs a request with the given or the test credentials</td></tr></table>
<p class="hint">Non-browser clients get this list as JSON (send no <code>Accept: text/html</code>).</p>`,
  );
}

/** Routes for `/` and the HTML view of `/_sandbox`; mount before the admin routes. */
export function landingRoutes(options: LandingOptions): Hono {
  const app = new Hono();
  app.get('/', (c) => {
    const origin = new URL(c.req.url).origin;
    return wantsHtml(c.req.header('accept'))
      ? c.html(indexPage(origin, options))
      : c.json(sandboxIndex(origin, options));
  });
  // The admin module owns the route list; a browser gets it rendered as a page.
  app.use('/_sandbox', async (c, next) => {
    await next();
    if (c.req.method !== 'GET' || !wantsHtml(c.req.header('accept')) || c.res.status !== 200)
      return;
    const index = (await c.res.clone().json()) as { routes?: Record<string, string> };
    c.res = c.html(adminPage(index.routes ?? {}));
  });
  return app;
}
