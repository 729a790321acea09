import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ScriptedGateway, startScriptedGateway } from './scripted-gateway.js';

describe('startScriptedGateway', () => {
  let gateway: ScriptedGateway;
  beforeAll(async () => {
    gateway = await startScriptedGateway((path) =>
      path.startsWith('/token') ? { body: '{"token":"t"}' } : undefined,
    );
  });
  afterAll(() => gateway.close());

  it('answers with the current script, status and content type included', async () => {
    gateway.script({ status: 502, contentType: 'text/html', body: '<html></html>' });
    const response = await fetch(`${gateway.url}/anything`, { method: 'POST', body: 'x' });
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(await response.text()).toBe('<html></html>');
    gateway.script({ body: '{}' });
    const next = await fetch(`${gateway.url}/anything`);
    expect(next.status).toBe(200);
    expect(next.headers.get('content-type')).toContain('application/json');
  });

  it('answers fixed paths whatever the script', async () => {
    gateway.script({ body: 'scripted' });
    expect(await (await fetch(`${gateway.url}/token?x=1`)).text()).toBe('{"token":"t"}');
  });
});
