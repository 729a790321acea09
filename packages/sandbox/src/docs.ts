import { KINGDEE_SANDBOX_CREDENTIALS } from '@inv/kingdee-protocol';
import { WINIT_SANDBOX_CREDENTIALS } from '@inv/winit-protocol';
import { Hono } from 'hono';
import { docsClient } from './docs-client.js';
import { pageScript } from './dom-prelude.js';
import { escapeHtml, htmlPage } from './html.js';

/** An API shown on the docs page. */
export interface DocsSpec {
  /** Short id, e.g. `kingdee`; also the provider whose requests the page signs. */
  id: 'kingdee' | 'winit';
  /** Heading, e.g. `Kingdee JDY`. */
  name: string;
  /** URL of the OpenAPI document, relative to the sandbox. */
  url: string;
}

// The page's own script, no third-party renderer: none of Swagger UI, RapiDoc and Scalar installs
// on Node 20 without a lifecycle script or telemetry and signs each try-it (see the README).
const SCRIPT = pageScript(docsClient);

const field = (key: string, label: string, value: string, hint = ''): string =>
  `<label>${escapeHtml(label)}<input data-credential="${key}" value="${escapeHtml(value)}"${hint ? ` placeholder="${escapeHtml(hint)}"` : ''} spellcheck="false"></label>`;

/** The docs page: the sandbox's OpenAPI documents with a try-it that signs each request. */
export function renderDocsPage(specs: readonly DocsSpec[]): string {
  const k = KINGDEE_SANDBOX_CREDENTIALS;
  const w = WINIT_SANDBOX_CREDENTIALS;
  const sections = specs
    .map(
      (spec) =>
        `<section class="api" id="api-${spec.id}" aria-label="${escapeHtml(spec.name)}"><h2>${escapeHtml(spec.name)} <a class="raw" href="${escapeHtml(spec.url)}">OpenAPI document</a></h2></section>`,
    )
    .join('\n');
  // JSON in a script tag: escape "<" so no value can close the tag.
  const config = JSON.stringify({
    specs: specs.map((spec) => ({ ...spec, provider: spec.id })),
    signUrl: '/_sandbox/sign',
  }).replace(/</g, '\\u003c');
  return htmlPage({
    title: 'inv sandbox — API reference',
    heading: 'inv sandbox · API reference',
    intro:
      'Local stand-ins for the Kingdee JDY and Winit gateways. Signatures, timestamps, nonces and tokens are verified as the real gateways do. <a href="/">Home</a> · <a href="/_sandbox">Admin routes</a>',
    main: `<section class="credentials" aria-label="Credentials">
<h2>Credentials</h2>
<p class="hint">Each “Send signed request” asks the sandbox (<code>POST /_sandbox/sign</code>, a sandbox-only helper) to sign the request with these credentials, a fresh timestamp and a fresh nonce; Kingdee business routes first get an <code>app-token</code> from the sandbox's <code>kingdee_auth_token</code>. Prefilled with the sandbox's public test credentials.</p>
<fieldset><legend>Kingdee JDY</legend>
${field('kingdee.clientId', 'client_id', k.clientId)}
${field('kingdee.clientSecret', 'client_secret', k.clientSecret)}
${field('kingdee.appKey', 'account appKey', k.account.appKey)}
${field('kingdee.appSecret', 'account appSecret', k.account.appSecret)}
${field('kingdee.domain', 'account domain (X-GW-Router-Addr)', k.account.domain)}
</fieldset>
<fieldset><legend>Winit</legend>
${field('winit.appKey', 'app_key', w.appKeys[0])}
${field('winit.token', 'token', w.token)}
${field('winit.clientId', 'client_id (app mode)', '', w.clientId)}
${field('winit.clientSecret', 'client_secret (app mode)', '', w.clientSecret)}
</fieldset>
</section>
${sections}`,
    tail: `<script type="application/json" id="docs-config">${config}</script>
<script src="/docs/assets/docs.js"></script>`,
  });
}

/** Routes for `/docs` and its script. */
export function docsRoutes(specs: readonly DocsSpec[]): Hono {
  const app = new Hono();
  const page = renderDocsPage(specs);
  app.get('/docs', (c) => c.html(page));
  app.get('/docs/assets/docs.js', (c) =>
    c.body(SCRIPT, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'no-cache',
    }),
  );
  return app;
}
