import { INV_SYNCHRONOUS_RESPONSE_SAMPLE } from '@inv/kingdee-protocol';
import { WINIT_SAMPLE_REQUEST_ATTRIBUTES, WINIT_SAMPLE_RESPONSE } from '@inv/winit-protocol';
import { validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './openapi.js';
import { kingdeeOpenApi } from './openapi-kingdee.js';
import { winitOpenApi } from './openapi-winit.js';

describe('OpenAPI documents', () => {
  it('the Winit document is valid OpenAPI 3.1 and carries the documented samples', async () => {
    const doc = buildOpenApiDocument(winitOpenApi, 'http://127.0.0.1:4010');
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
    const op = doc.paths?.['/openapi/service']?.post;
    const requestExamples =
      op?.requestBody && 'content' in op.requestBody
        ? op.requestBody.content['application/json']?.examples
        : undefined;
    expect(JSON.stringify(requestExamples)).toContain(
      JSON.stringify(WINIT_SAMPLE_REQUEST_ATTRIBUTES),
    );
    expect(JSON.stringify(op?.responses)).toContain(JSON.stringify(WINIT_SAMPLE_RESPONSE));
    expect(doc.components?.securitySchemes?.winitSign).toBeDefined();
  });
});

describe('Kingdee OpenAPI document', () => {
  it('is valid OpenAPI 3.1, describes the signature schemes and carries the documented sample', async () => {
    const doc = buildOpenApiDocument(kingdeeOpenApi, 'http://127.0.0.1:4010');
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
    expect(JSON.stringify(op?.parameters)).toContain('#/components/parameters/RouterAddr');
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
