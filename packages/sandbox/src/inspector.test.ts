import { describe, expect, it } from 'vitest';
import { createSandboxApp } from './app.js';

describe('GET /_sandbox/inspector', () => {
  it('serves the page and its own script, nothing from elsewhere', async () => {
    const { app } = createSandboxApp();
    const page = await app.request('/_sandbox/inspector');
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<script src="/_sandbox/inspector/inspector.js"></script>');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    const script = await app.request('/_sandbox/inspector/inspector.js');
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    const text = await script.text();
    expect(text).toContain('new EventSource(');
    expect(text).not.toContain('innerHTML');
  });

  it('answers the side panels: fault rules in force and a dataset summary', async () => {
    const { app } = createSandboxApp({
      faults: { rules: [{ match: { provider: 'winit' }, fault: { type: 'throttle' } }] },
    });
    const summary = (await (await app.request('/_sandbox/inspector/summary')).json()) as {
      faults: { rules: unknown[] };
      dataset: { kingdee: { positions: number; samples: unknown[] }; winit: { rows: number } };
    };
    expect(summary.faults.rules).toEqual([
      { match: { provider: 'winit' }, fault: { type: 'throttle' }, rate: 1 },
    ]);
    expect(summary.dataset.kingdee.positions).toBeGreaterThan(0);
    expect(summary.dataset.kingdee.samples).toHaveLength(5);
    expect(summary.dataset.winit.rows).toBeGreaterThan(0);
  });

  it('is an admin route: refused to another origin', async () => {
    const { app } = createSandboxApp();
    const response = await app.request('http://127.0.0.1:4010/_sandbox/inspector', {
      headers: { origin: 'https://evil.example' },
    });
    expect(response.status).toBe(403);
  });
});
