import { INV_SYNCHRONOUS_RESPONSE_SAMPLE } from '@inv/kingdee-protocol';
import {
  canonicalData,
  WINIT_SAMPLE_REQUEST_ATTRIBUTES,
  WINIT_SAMPLE_RESPONSE,
} from '@inv/winit-protocol';
import { validate } from '@readme/openapi-parser';
import type { OpenAPIObject, OperationObject, ParameterObject } from 'openapi3-ts/oas31';
import { describe, expect, it } from 'vitest';
import { createSandboxApp } from './app.js';
import { buildOpenApiDocument, SIGNED_BY_PAGE } from './openapi.js';
import { kingdeeOpenApi } from './openapi-kingdee.js';
import { winitOpenApi } from './openapi-winit.js';

const ORIGIN = 'http://127.0.0.1:4010';

/** Placeholder values renderers and copied samples used to show (issue #15). */
const PLACEHOLDERS = [
  'additionalProp1',
  '9007199254740991',
  '2021-10-25',
  '00000000000000000000000000000000',
];

/** Every string and number of a document, with its path. */
function leaves(value: unknown, path = ''): [string, string][] {
  if (Array.isArray(value)) return value.flatMap((item, i) => leaves(item, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [
      [`${path}.${key}`, key] as [string, string],
      ...leaves(item, `${path}.${key}`),
    ]);
  }
  return [[path, JSON.stringify(value)]];
}

function operations(doc: OpenAPIObject): [string, string, OperationObject][] {
  return Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    (['get', 'post'] as const).flatMap((method) =>
      item[method] ? [[path, method, item[method] as OperationObject] as const] : [],
    ),
  ) as [string, string, OperationObject][];
}

describe('OpenAPI documents', () => {
  it('the Winit document is valid OpenAPI 3.1 and carries the documented samples', async () => {
    const doc = buildOpenApiDocument(winitOpenApi, ORIGIN);
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(doc.openapi).toBe('3.1.0');
    const op = doc.paths?.['/openapi/service']?.post;
    const requestExamples =
      op?.requestBody && 'content' in op.requestBody
        ? op.requestBody.content['application/json']?.examples
        : undefined;
    const documented = requestExamples?.documentedPageInvByAttributes as
      | { value: { data: unknown } }
      | undefined;
    // The documented data as signed and sent: canonical, nulls dropped (docs/protocols/winit.md §3).
    expect(documented?.value.data).toEqual(
      JSON.parse(canonicalData(WINIT_SAMPLE_REQUEST_ATTRIBUTES.data)),
    );
    expect(JSON.stringify(op?.responses)).toContain(JSON.stringify(WINIT_SAMPLE_RESPONSE));
    expect(doc.components?.securitySchemes?.winitSign).toBeDefined();
  });

  it('the Kingdee document is valid OpenAPI 3.1 and marks the signed headers as filled by the page', async () => {
    const doc = buildOpenApiDocument(kingdeeOpenApi, ORIGIN);
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(Object.keys(doc.paths ?? {}).sort()).toEqual([
      '/jdy/v2/inv/inv_synchronous',
      '/jdy/v2/scm/inventory',
      '/jdyconnector/app_management/kingdee_auth_token',
      '/jdyconnector/app_management/push_app_authorize',
    ]);
    const op = doc.paths?.['/jdy/v2/inv/inv_synchronous']?.get;
    expect(JSON.stringify(op?.responses?.['200'])).toContain(
      JSON.stringify(INV_SYNCHRONOUS_RESPONSE_SAMPLE),
    );
    expect(Object.keys(doc.components?.securitySchemes ?? {}).sort()).toEqual([
      'apiSignature',
      'appToken',
    ]);
    for (const [path, method, operation] of operations(doc)) {
      const headers = (operation.parameters as ParameterObject[]).filter((p) => p.in === 'header');
      expect(headers.length, `${method} ${path}`).toBeGreaterThan(0);
      for (const header of headers) {
        expect(header[SIGNED_BY_PAGE], `${method} ${path} ${header.name}`).toBe(true);
      }
    }
  });

  it.each([
    ['kingdee', kingdeeOpenApi],
    ['winit', winitOpenApi],
  ])('the %s document has an example for every operation and no placeholder value', (_, source) => {
    const doc = buildOpenApiDocument(source, ORIGIN);
    for (const [path, method, operation] of operations(doc)) {
      const text = JSON.stringify(operation.responses?.['200']);
      expect(text, `${method} ${path} has a response example`).toMatch(/"examples":\{"/);
    }
    const found = leaves(doc).filter(([, text]) => PLACEHOLDERS.some((p) => text.includes(p)));
    expect(found).toEqual([]);
  });

  it('the placeholder check sees a placeholder, so it can fail', () => {
    const found = leaves({ a: [{ b: 'additionalProp1' }], c: -9007199254740991 });
    expect(found.filter(([, text]) => PLACEHOLDERS.some((p) => text.includes(p)))).toHaveLength(2);
  });

  it('every Winit request example is answered with success as it stands', async () => {
    const { app } = createSandboxApp();
    const doc = (await (await app.request(`${ORIGIN}/openapi/winit.json`)).json()) as OpenAPIObject;
    const body = doc.paths?.['/openapi/service']?.post?.requestBody;
    const examples = body && 'content' in body ? body.content['application/json']?.examples : {};
    expect(Object.keys(examples ?? {})).toHaveLength(4);
    for (const [name, example] of Object.entries(examples ?? {})) {
      const response = await app.request(`${ORIGIN}/openapi/service`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify((example as { value: unknown }).value),
      });
      expect(((await response.json()) as { code: string }).code, name).toBe('0');
    }
  });
});

describe('OpenAPI validation', () => {
  it('rejects a malformed document, so the checks above can fail', async () => {
    const result = await validate({
      openapi: '3.1.0',
      info: { title: 'x', version: '1' },
      paths: { '/x': { get: { responses: 'nope' } } },
    } as never);
    expect(result.valid).toBe(false);
  });
});
