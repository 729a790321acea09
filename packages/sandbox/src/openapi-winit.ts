import {
  batchQueryDataSchema,
  inventoryRowSchema,
  pageInvDataSchema,
  pageParamsSchema,
  WINIT_ACTIONS,
  WINIT_BASE_URLS,
  WINIT_SAMPLE_REQUEST_AGGREGATE,
  WINIT_SAMPLE_REQUEST_ATTRIBUTES,
  WINIT_SAMPLE_RESPONSE,
  warehouseSchema,
  winitRequestEnvelopeSchema,
} from '@inv/winit-protocol';
import type { OpenApiBuilder } from 'openapi3-ts/oas31';
import type { OpenApiSource } from './openapi.js';
import { toOpenApiSchema } from './openapi.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** The Winit gateway as an OpenAPI 3.1 document: one URL, operations selected by `action` (protocols/winit.md §1). */
export const winitOpenApi: OpenApiSource = {
  title: 'Winit (万邑通) open API — inventory',
  version: '1.0',
  productionUrl: WINIT_BASE_URLS.production,
  description: [
    'Every operation is `POST /openapi/service` with a JSON envelope whose `action` selects it.',
    'The envelope is signed: `sign = UPPER(HEX(MD5(token + "action" + action + "app_key" + app_key + "data" + DATA + "format" + format + "platform" + platform + "sign_method" + sign_method + "timestamp" + timestamp + "version" + version + token)))`,',
    'where DATA is the canonical JSON of `data` (keys sorted, nulls dropped, compact; `""` when empty). App mode adds `client_id` and `client_sign` (same formula with the client secret).',
    'Error codes returned by this sandbox (1001–1007, 2001, 9999) are assumptions of the inv project, not published by Winit.',
  ].join('\n\n'),
  build(builder: OpenApiBuilder) {
    builder
      .addSchema('WinitRequestEnvelope', toOpenApiSchema(winitRequestEnvelopeSchema))
      .addSchema('BatchQueryData', toOpenApiSchema(batchQueryDataSchema))
      .addSchema('PageInvData', toOpenApiSchema(pageInvDataSchema))
      .addSchema('InventoryRow', toOpenApiSchema(inventoryRowSchema))
      .addSchema('PageParams', toOpenApiSchema(pageParamsSchema))
      .addSchema('Warehouse', toOpenApiSchema(warehouseSchema))
      .addSchema('InventoryPage', {
        type: 'object',
        properties: {
          pageParams: ref('PageParams'),
          list: { type: 'array', items: ref('InventoryRow') },
        },
      })
      .addSchema('SuccessEnvelope', {
        type: 'object',
        required: ['code', 'msg', 'data'],
        properties: {
          code: { type: 'string', const: '0' },
          msg: { type: 'string', examples: ['操作成功'] },
          data: { oneOf: [ref('InventoryPage'), { type: 'array', items: ref('Warehouse') }] },
        },
      })
      .addSchema('ErrorEnvelope', {
        type: 'object',
        required: ['code', 'msg', 'data'],
        properties: {
          code: {
            type: 'string',
            enum: ['1001', '1002', '1003', '1004', '1005', '1006', '1007', '2001', '9999'],
          },
          msg: {
            type: 'string',
            description: 'Why the request was refused: which field, which rule, what was expected.',
          },
          data: { type: 'string', const: '' },
        },
      })
      .addSecurityScheme('winitSign', {
        type: 'http',
        scheme: 'winit-md5',
        description:
          'Signature carried in the body members `sign` (merchant token) and, in app mode, `client_sign` (client secret). The sandbox answers 1004/1005 with the header `X-Winit-Mock-String-To-Sign` (base64 of the string it signed, secret replaced by a placeholder).',
      })
      .addPath('/openapi/service', {
        post: {
          operationId: 'winitService',
          summary: 'Call a Winit action',
          description: `Actions served: \`${WINIT_ACTIONS.batchQuery}\` (data: BatchQueryData), \`${WINIT_ACTIONS.pageInv}\` (data: PageInvData), \`${WINIT_ACTIONS.queryWarehouse}\` (data: "").`,
          security: [{ winitSign: [] }],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: ref('WinitRequestEnvelope'),
                examples: {
                  documentedPageInvByAttributes: {
                    summary:
                      'Documented example: pageInv by inventory attributes (批量查询分类库存)',
                    value: WINIT_SAMPLE_REQUEST_ATTRIBUTES,
                  },
                  documentedPageInvAggregate: {
                    summary: 'Documented example: pageInv aggregated by management types',
                    value: WINIT_SAMPLE_REQUEST_AGGREGATE,
                  },
                },
              },
            },
          },
          responses: {
            '200': {
              description:
                'Every answer is HTTP 200; `code` "0" is success, any other code is an error with `msg` and `data: ""`.',
              headers: {
                'X-Winit-Mock-String-To-Sign': {
                  description:
                    'Sandbox only, on 1004/1005: base64 of the string-to-sign the sandbox built.',
                  schema: { type: 'string' },
                },
              },
              content: {
                'application/json': {
                  schema: { oneOf: [ref('SuccessEnvelope'), ref('ErrorEnvelope')] },
                  examples: {
                    documentedResponse: {
                      summary: 'Documented response sample',
                      value: WINIT_SAMPLE_RESPONSE,
                    },
                    signatureRefused: {
                      summary: 'Signature mismatch',
                      value: { code: '1004', msg: '签名验证失败', data: '' },
                    },
                  },
                },
              },
            },
          },
        },
      });
  },
};
