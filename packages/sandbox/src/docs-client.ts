/// <reference lib="dom" />
/// <reference lib="dom.iterable" />

/** Served ahead of {@link docsClient} in one scope (`pageScript`, dom-prelude.ts). */
declare const el: typeof import('./dom-prelude.js').el;

/**
 * The docs page's script, run in the browser. It is served as the source text of
 * {@link docsClient} (`/docs/assets/docs.js`), so it must not use anything outside its own body
 * but `el`. It renders each OpenAPI document of the sandbox and gives every operation a try-it
 * that signs through `POST /_sandbox/sign` before sending, so each request has a fresh timestamp
 * and nonce.
 */
export function docsClient(): void {
  type Json = Record<string, unknown>;
  interface Spec {
    id: string;
    name: string;
    url: string;
    provider: 'kingdee' | 'winit';
  }
  interface Config {
    specs: Spec[];
    signUrl: string;
  }
  const SIGNED_BY_PAGE = 'x-inv-signed-by-page';
  const config = JSON.parse(document.getElementById('docs-config')?.textContent ?? '{}') as Config;

  const pretty = (value: unknown): string =>
    typeof value === 'string' ? value : JSON.stringify(value, null, 2);

  /** Credentials as typed on the page; empty fields are left out (the sandbox's defaults apply). */
  const credentials = (provider: string): Json => {
    const out: Json = {};
    for (const input of document.querySelectorAll<HTMLInputElement>(
      `[data-credential^="${provider}."]`,
    )) {
      const name = input.dataset.credential?.split('.')[1];
      if (name && input.value.trim() !== '') out[name] = input.value.trim();
    }
    return out;
  };

  const resolve = (doc: Json, value: unknown): Json => {
    const ref = (value as { $ref?: string }).$ref;
    if (!ref) return value as Json;
    return ref
      .slice(2)
      .split('/')
      .reduce<unknown>((node, key) => (node as Json)[key], doc) as Json;
  };

  const renderOperation = (spec: Spec, doc: Json, path: string, method: string, op: Json) => {
    const article = el('article', {
      class: 'op',
      'data-operation': String(op.operationId),
      'data-provider': spec.provider,
    });
    const title = el(
      'h3',
      {},
      el('span', { class: `method ${method}` }, method.toUpperCase()),
      el('code', { class: 'path' }, path),
      el('span', { class: 'summary' }, String(op.summary ?? '')),
    );
    article.append(title);
    if (op.description) article.append(el('p', { class: 'description' }, String(op.description)));

    const queryInputs: HTMLInputElement[] = [];
    const parameters = ((op.parameters as unknown[]) ?? []).map((p) => resolve(doc, p));
    if (parameters.length > 0) {
      const rows = parameters.map((param) => {
        const signed = param[SIGNED_BY_PAGE] === true;
        const example = param.example === undefined ? '' : String(param.example);
        let field: HTMLElement;
        if (signed) {
          field = el('span', { class: 'signed', title: `e.g. ${example}` }, 'signed by the page');
        } else {
          const input = el('input', {
            name: String(param.name),
            'data-query': String(param.name),
          }) as HTMLInputElement;
          input.value = example;
          queryInputs.push(input);
          field = input;
        }
        return el(
          'tr',
          {},
          el('td', {}, el('code', {}, String(param.name)), param.required ? ' *' : ''),
          el('td', {}, String(param.in)),
          el('td', {}, field),
          el('td', { class: 'hint' }, String(param.description ?? '')),
        );
      });
      article.append(
        el(
          'table',
          { class: 'params' },
          el(
            'tr',
            {},
            el('th', {}, 'parameter'),
            el('th', {}, 'in'),
            el('th', {}, 'value'),
            el('th', {}, ''),
          ),
          ...rows,
        ),
      );
    }

    let bodyArea: HTMLTextAreaElement | undefined;
    const requestBody = op.requestBody ? resolve(doc, op.requestBody) : undefined;
    const bodyExamples = (
      (requestBody?.content as Json | undefined)?.['application/json'] as Json | undefined
    )?.examples as Record<string, { summary?: string; value: unknown }> | undefined;
    if (bodyExamples) {
      const select = el('select', { class: 'example' }) as HTMLSelectElement;
      for (const [name, example] of Object.entries(bodyExamples)) {
        select.append(el('option', { value: name }, example.summary ?? name));
      }
      bodyArea = el('textarea', {
        class: 'body',
        rows: '12',
        spellcheck: 'false',
      }) as HTMLTextAreaElement;
      const area = bodyArea;
      const show = (): void => {
        area.value = pretty(bodyExamples[select.value]?.value);
      };
      select.addEventListener('change', show);
      show();
      article.append(
        el(
          'h4',
          {},
          'Request body ',
          el('span', { class: 'hint' }, '(sign, timestamp and app_key are filled by the page)'),
        ),
        select,
        area,
      );
    }

    const okExamples = (
      ((op.responses as Json | undefined)?.['200'] as Json | undefined)?.content as Json | undefined
    )?.['application/json'] as Json | undefined;
    const examples = (okExamples?.examples ?? {}) as Record<
      string,
      { summary?: string; value: unknown }
    >;
    for (const [name, example] of Object.entries(examples)) {
      article.append(
        el(
          'details',
          { class: 'response-example' },
          el('summary', {}, `Response example: ${example.summary ?? name}`),
          el('pre', {}, pretty(example.value)),
        ),
      );
    }

    const button = el(
      'button',
      { class: 'try', type: 'button' },
      'Send signed request',
    ) as HTMLButtonElement;
    const result = el('div', { class: 'result', 'data-state': 'idle' });
    article.append(button, result);

    button.addEventListener('click', async () => {
      button.disabled = true;
      result.dataset.state = 'sending';
      result.replaceChildren(el('p', {}, 'Signing and sending…'));
      try {
        const query: Record<string, string> = {};
        for (const input of queryInputs) {
          if (input.value.trim() !== '') query[input.name] = input.value.trim();
        }
        let body: unknown;
        if (bodyArea) {
          try {
            body = JSON.parse(bodyArea.value);
          } catch (error) {
            throw new Error(`the request body is not valid JSON: ${(error as Error).message}`);
          }
        }
        const signResponse = await fetch(config.signUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            provider: spec.provider,
            method: method.toUpperCase(),
            path,
            query,
            body,
            credentials: credentials(spec.provider),
          }),
        });
        const signed = (await signResponse.json()) as Json;
        if (!signResponse.ok) {
          throw new Error(
            `${String(signed.message)}${Array.isArray(signed.issues) && signed.issues.length ? `: ${signed.issues.join('; ')}` : ''}`,
          );
        }
        const response = await fetch(String(signed.url), {
          method: String(signed.method),
          headers: signed.headers as Record<string, string>,
          body: (signed.body as string | undefined) ?? null,
        });
        const text = await response.text();
        let answer: unknown = text;
        try {
          answer = JSON.parse(text);
        } catch {
          // Not JSON: shown as text.
        }
        const code = (answer as Json | null)?.[spec.provider === 'kingdee' ? 'errcode' : 'code'];
        const ok = response.status === 200 && (code === 0 || code === '0');
        result.dataset.state = ok ? 'success' : 'refused';
        result.dataset.code = String(code);
        result.replaceChildren(
          el(
            'p',
            { class: `status ${ok ? 'ok' : 'bad'}` },
            `HTTP ${response.status} · ${spec.provider === 'kingdee' ? 'errcode' : 'code'} ${String(code)}`,
          ),
          el('pre', { class: 'answer' }, pretty(answer)),
          el(
            'details',
            { class: 'sent' },
            el('summary', {}, `Request sent: ${String(signed.method)} ${String(signed.url)}`),
            el('p', { class: 'hint' }, ((signed.notes as string[]) ?? []).join('; ')),
            el('pre', {}, pretty(signed.headers)),
            ...(signed.body ? [el('pre', {}, String(signed.body))] : []),
          ),
        );
      } catch (error) {
        result.dataset.state = 'error';
        result.replaceChildren(el('p', { class: 'status bad' }, (error as Error).message));
      } finally {
        button.disabled = false;
      }
    });
    return article;
  };

  const renderApi = async (spec: Spec): Promise<void> => {
    const section = document.getElementById(`api-${spec.id}`);
    if (!section) return;
    try {
      const doc = (await (await fetch(spec.url)).json()) as Json;
      const info = doc.info as Json;
      section.append(
        el('p', { class: 'title' }, String(info.title)),
        el('p', { class: 'description' }, String(info.description ?? '')),
      );
      for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
        for (const method of ['get', 'post', 'put', 'delete']) {
          const op = item[method] as Json | undefined;
          if (op) section.append(renderOperation(spec, doc, path, method, op));
        }
      }
      section.dataset.state = 'ready';
    } catch (error) {
      section.dataset.state = 'error';
      section.append(
        el('p', { class: 'status bad' }, `Cannot load ${spec.url}: ${(error as Error).message}`),
      );
    }
  };

  for (const spec of config.specs) void renderApi(spec);
}
