/// <reference lib="dom" />
/// <reference lib="dom.iterable" />

/** Served ahead of {@link inspectorClient} in one scope (`pageScript`, dom-prelude.ts). */
declare const el: typeof import('./dom-prelude.js').el;

/**
 * The request inspector's script, run in the browser. It is served as the source text of
 * {@link inspectorClient} (`/_sandbox/inspector/inspector.js`), so it must not use anything
 * outside its own body but `el`. Every value a request carried is written as text (through `el`),
 * never as HTML: a hostile route or header shows as text.
 */
export function inspectorClient(): void {
  type Json = Record<string, unknown>;
  interface Entry {
    id: number;
    at: string;
    provider: string;
    method: string;
    route: string;
    status: number;
    verdict: string;
    field?: string;
    rule?: string;
    mistake?: string;
    ms: number;
  }
  const MAX_ROWS = 500;
  const $ = (id: string): HTMLElement => document.getElementById(id) as HTMLElement;
  const table = (rows: [string, string][], attrs: Record<string, string> = {}): HTMLElement =>
    el('table', attrs, ...rows.map(([k, v]) => el('tr', {}, el('th', {}, k), el('td', {}, v))));
  const getJson = async (url: string): Promise<Json> => {
    const response = await fetch(url);
    const body = (await response.json()) as Json;
    if (!response.ok) throw new Error(String(body.message ?? response.status));
    return body;
  };

  const body = $('requests');
  const filters = {
    provider: $('filter-provider') as HTMLSelectElement,
    verdict: $('filter-verdict') as HTMLSelectElement,
    route: $('filter-route') as HTMLInputElement,
  };
  const verdictOf = (entry: Entry): string =>
    entry.verdict.startsWith('accepted') ? 'accepted' : 'refused';
  const shows = (row: HTMLElement): boolean =>
    (filters.provider.value === '' || row.dataset.provider === filters.provider.value) &&
    (filters.verdict.value === '' || row.dataset.verdict === filters.verdict.value) &&
    (row.dataset.route ?? '').toLowerCase().includes(filters.route.value.trim().toLowerCase());
  const applyFilters = (): void => {
    for (const row of body.querySelectorAll<HTMLElement>('tr')) row.hidden = !shows(row);
  };
  for (const input of Object.values(filters)) input.addEventListener('input', applyFilters);

  let lastId = 0;
  const add = (entry: Entry): void => {
    if (entry.id <= lastId) return;
    lastId = entry.id;
    const row = el(
      'tr',
      {
        'data-id': String(entry.id),
        'data-provider': entry.provider,
        'data-verdict': verdictOf(entry),
        'data-route': entry.route,
        title: entry.verdict,
      },
      el('td', {}, String(entry.id)),
      el('td', {}, entry.at.slice(11, 23)),
      el('td', {}, entry.provider),
      el('td', { class: 'route' }, `${entry.method} ${entry.route}`),
      el('td', {}, String(entry.status)),
      el('td', { class: 'verdict' }, verdictOf(entry), entry.mistake ? ` (${entry.mistake})` : ''),
      el('td', { class: 'rule' }, entry.field ? `${entry.field} ${entry.rule ?? ''}` : ''),
      el('td', {}, entry.ms.toFixed(1)),
    );
    row.hidden = !shows(row);
    row.addEventListener('click', () => void open(entry.id, row));
    body.prepend(row);
    while (body.children.length > MAX_ROWS) body.lastElementChild?.remove();
  };

  // A newline of a string-to-sign, shown in a one-line excerpt.
  const line = (text: unknown): string => String(text).replace(/\n/g, '↵');
  const detailPane = $('detail');
  const section = (title: string, ...children: (HTMLElement | string)[]): HTMLElement[] => [
    el('h3', {}, title),
    ...children.map((child) => (typeof child === 'string' ? el('p', {}, child) : child)),
  ];
  const renderDetail = (detail: Json): void => {
    const entry = detail.request as Entry;
    const out: HTMLElement[] = [
      el('h2', {}, `#${entry.id} ${entry.method} ${entry.route}`),
      el(
        'p',
        {},
        `${entry.provider} · HTTP ${entry.status} · ${entry.ms.toFixed(1)} ms · ${entry.at}`,
      ),
      el('p', { class: verdictOf(entry) === 'refused' ? 'reason' : 'status ok' }, entry.verdict),
    ];
    const refusal = detail.refusal as Json | undefined;
    if (refusal) {
      const rows: [string, string][] = [
        ['code', String(refusal.code)],
        ['field', String(refusal.field)],
        ['rule', String(refusal.rule)],
      ];
      if (refusal.expected !== undefined) rows.push(['expected', String(refusal.expected)]);
      if (refusal.hint !== undefined) rows.push(['hint', String(refusal.hint)]);
      out.push(...section('Refused by', table(rows, { class: 'refusal' })));
    }
    const signature = detail.signature as Json | undefined;
    if (signature) {
      out.push(
        ...section(
          'Signature',
          table([
            ['computed by the sandbox', String(signature.expected)],
            ['carried by the request', String(signature.carried)],
          ]),
        ),
      );
      const mistake = signature.mistake as Json | undefined;
      if (mistake) {
        const box = el(
          'div',
          { class: 'mistake' },
          el('p', {}, el('strong', {}, `Diagnosed: ${String(mistake.name)}`)),
          el('p', { class: 'mistake-hint' }, String(mistake.hint)),
        );
        const difference = mistake.difference as Json | undefined;
        if (difference) {
          box.append(
            el(
              'div',
              { class: 'difference' },
              el(
                'p',
                {},
                `First difference at character ${String(difference.at)}, in ${String(difference.part)}:`,
              ),
              el('pre', {}, `sandbox:     ${line(difference.sandbox)}`),
              el('pre', {}, `your client: ${line(difference.client)}`),
            ),
          );
        } else if (mistake.key) {
          box.append(el('p', {}, `Same string-to-sign, signed with the ${String(mistake.key)}.`));
        }
        box.append(
          el('p', {}, 'What your client signed:'),
          el('pre', { class: 'mistaken' }, String(mistake.stringToSign)),
        );
        out.push(box);
      } else {
        out.push(el('p', { class: 'hint' }, String(signature.note)));
      }
    }
    const stringToSign = detail.stringToSign as
      | { text: string; parts: { name: string; value: string }[] }
      | undefined;
    if (stringToSign) {
      out.push(
        ...section(
          'String-to-sign (as the sandbox built it)',
          el('pre', { class: 'string-to-sign' }, stringToSign.text),
          table(
            stringToSign.parts.map((part): [string, string] => [part.name, part.value]),
            { class: 'parts' },
          ),
        ),
      );
    }
    out.push(
      ...section(
        'Headers (secrets redacted)',
        table(Object.entries(detail.headers as Record<string, string>), { class: 'headers' }),
      ),
    );
    if (detail.query !== undefined) {
      out.push(...section('Query', el('pre', { class: 'query' }, String(detail.query))));
    }
    if (detail.body !== undefined) {
      out.push(...section('Body', el('pre', { class: 'body' }, String(detail.body))));
    }
    detailPane.replaceChildren(...out);
    detailPane.dataset.id = String(entry.id);
  };

  const open = async (id: number, row: HTMLElement): Promise<void> => {
    for (const selected of body.querySelectorAll('tr.selected'))
      selected.classList.remove('selected');
    row.classList.add('selected');
    try {
      renderDetail(await getJson(`/_sandbox/requests/${id}`));
    } catch (error) {
      detailPane.replaceChildren(el('p', { class: 'reason' }, (error as Error).message));
    }
  };

  const renderSide = async (): Promise<void> => {
    const { faults, dataset } = (await getJson('/_sandbox/inspector/summary')) as {
      faults: { seed: number; rules: unknown[] };
      dataset: {
        kingdee: { positions: number; samples: { id: string; material: string; stock: string }[] };
        winit: {
          rows: number;
          warehouses: string[];
          samples: { merchandiseCode: string; warehouseCode: string }[];
        };
      };
    };
    $('faults').replaceChildren(
      faults.rules.length === 0
        ? el('p', { class: 'hint' }, 'None: every request is answered normally.')
        : el('pre', {}, JSON.stringify(faults.rules, null, 2)),
    );
    const { kingdee, winit } = dataset;
    $('dataset').replaceChildren(
      el('p', {}, `Kingdee: ${kingdee.positions} positions, e.g.`),
      table(kingdee.samples.map((s): [string, string] => [s.id, `${s.material} @ ${s.stock}`])),
      el('p', {}, `Winit: ${winit.rows} rows in ${winit.warehouses.join(', ')}, e.g.`),
      table(winit.samples.map((s): [string, string] => [s.merchandiseCode, s.warehouseCode])),
    );
  };

  const start = async (): Promise<void> => {
    const { requests } = (await getJson(`/_sandbox/requests?limit=${MAX_ROWS}`)) as {
      requests: Entry[];
    };
    for (const entry of [...requests].reverse()) add(entry);
    const live = $('live');
    const source = new EventSource(`/_sandbox/requests/stream?after=${lastId}`);
    source.addEventListener('open', () => {
      live.dataset.state = 'open';
      live.textContent = '● live';
    });
    source.addEventListener('error', () => {
      live.dataset.state = 'reconnecting';
      live.textContent = 'reconnecting…';
    });
    source.addEventListener('request', (event) => {
      add(JSON.parse((event as MessageEvent<string>).data) as Entry);
    });
  };

  void renderSide();
  void start();
}
