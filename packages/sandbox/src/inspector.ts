/**
 * The request inspector (issue #16), `GET /_sandbox/inspector`: the last requests, newest first,
 * updating live from `GET /_sandbox/requests/stream`, with filters; a request opens its detail
 * (`GET /_sandbox/requests/:id`); side panels show the fault rules in force and a summary of the
 * dataset. Like the docs page, it is server-rendered HTML and one small script served here, so
 * it works offline; the script writes every value as text, never as markup.
 */
import { Hono } from 'hono';
import type { DatasetStates } from './dataset.js';
import { datasetSummary } from './dataset-summary.js';
import { pageScript } from './dom-prelude.js';
import type { FaultController } from './faults.js';
import { htmlPage, PAGE_STYLE } from './html.js';
import { inspectorClient } from './inspector-client.js';

export interface InspectorOptions {
  states: DatasetStates;
  faults: FaultController;
}

const SCRIPT = pageScript(inspectorClient);

const STYLE = `${PAGE_STYLE}
main{max-width:1500px;display:grid;grid-template-columns:minmax(0,1fr) 340px;gap:16px}
.filters{display:flex;gap:12px;align-items:end;flex-wrap:wrap;margin:8px 0}
.filters label{display:flex;flex-direction:column;font-size:12px;color:#59636e}
.filters select,.filters input{padding:3px 6px;border:1px solid #d0d7de;border-radius:4px;font-size:13px}
table.requests{border-collapse:collapse;width:100%;background:#fff;font-size:13px}
table.requests th,table.requests td{border-bottom:1px solid #eaeef2;padding:3px 6px;text-align:left;vertical-align:top}
table.requests tbody tr{cursor:pointer}table.requests tbody tr:hover{background:#f3f7ff}
table.requests tr.selected{background:#ddf4ff}
tr[data-verdict=refused] .verdict{color:#cf222e}tr[data-verdict=accepted] .verdict{color:#1a7f37}
.list{max-height:340px;overflow:auto;border:1px solid #d0d7de;border-radius:6px}
.detail{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:8px 16px;margin-top:12px}
.detail h3{margin:12px 0 4px;font-size:15px}.detail table{border-collapse:collapse;font-size:13px}
.detail td,.detail th{border-bottom:1px solid #eaeef2;padding:2px 8px;text-align:left;vertical-align:top}
.reason{color:#cf222e;font-weight:600}.mistake{background:#fff8c5;border:1px solid #d4a72c;border-radius:6px;padding:6px 10px}
.difference pre{margin:2px 0}.side section{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:4px 12px;margin-bottom:12px}
.side h2{font-size:16px}.side table{font-size:12px}.live{font-size:12px;color:#59636e}
`;

/** The page: static markup the script fills in. */
export function renderInspectorPage(): string {
  return htmlPage({
    title: 'inv sandbox — request inspector',
    heading: 'inv sandbox · request inspector',
    intro:
      'The last 500 requests the gateways answered, newest first, as they arrive. Open one to see why it was refused. <a href="/">Home</a> · <a href="/docs">API reference</a> · <a href="/_sandbox">Admin routes</a>',
    style: STYLE,
    main: `<div>
<div class="filters">
<label>provider<select id="filter-provider"><option value="">all</option><option>kingdee</option><option>winit</option><option>sandbox</option></select></label>
<label>verdict<select id="filter-verdict"><option value="">all</option><option>accepted</option><option>refused</option></select></label>
<label>route or action contains<input id="filter-route" spellcheck="false"></label>
<span class="live" id="live" data-state="connecting">connecting…</span>
</div>
<div class="list"><table class="requests"><thead><tr><th>#</th><th>time</th><th>provider</th><th>route / action</th><th>status</th><th>verdict</th><th>refused by</th><th>ms</th></tr></thead><tbody id="requests"></tbody></table></div>
<section class="detail" id="detail" aria-label="Request detail"><p class="hint">Click a request to see its headers, body, string-to-sign and, for a signature failure, where it differs from what your client signed.</p></section>
</div>
<aside class="side">
<section aria-label="Fault rules"><h2>Fault rules in force</h2><div id="faults"></div></section>
<section aria-label="Dataset"><h2>Dataset</h2><div id="dataset"></div></section>
</aside>`,
    tail: `<script src="/_sandbox/inspector/inspector.js"></script>`,
  });
}

/** Routes of the page, its script and the side panels' data; mounted behind the admin guard. */
export function inspectorRoutes(options: InspectorOptions): Hono {
  const app = new Hono();
  const page = renderInspectorPage();
  app.get('/_sandbox/inspector', (c) => c.html(page));
  app.get('/_sandbox/inspector/inspector.js', (c) =>
    c.body(SCRIPT, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'no-cache',
    }),
  );
  app.get('/_sandbox/inspector/summary', (c) =>
    c.json({ faults: options.faults.current(), dataset: datasetSummary(options.states) }),
  );
  return app;
}
