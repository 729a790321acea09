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
  WINIT_SAMPLE_RESPONSE_AGGREGATE,
  warehouseSchema,
  winitRequestEnvelopeSchema,
} from '@inv/winit-protocol';
import type { OpenApiBuilder } from 'openapi3-ts/oas31';
import { type OpenApiBuildContext, type OpenApiSource, toOpenApiSchema } from './openapi.js';
import { defaultDatasetSamples } from './openapi-examples.js';
import { signWinit, winitCredentialsSchema } from './request-signer.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/**
 * A request example: the action and data as documented (or from the default dataset), in an
 * envelope signed for the sandbox when the document was served, so it is accepted as shown (the
 * documented envelopes carry a placeholder sign and a 2021 timestamp). The docs page signs each
 * request anew through POST /_sandbox/sign.
 */
function signedExample(
  summary: string,
  action: string,
  data: unknown,
  context: OpenApiBuildContext,
): { summary: string; value: unknown } {
  const signed = signWinit({
    action,
    data,
    credentials: winitCredentialsSchema.parse({}),
    now: context.now,
  });
  return { summary, value: JSON.parse(signed.body ?? '{}') };
}

/** The Winit gateway as an OpenAPI 3.1 document: one URL, operations selected by `action` (docs/protocols/winit.md §1). */
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
  build(builder: OpenApiBuilder, context: OpenApiBuildContext) {
    const samples = defaultDatasetSamples();
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
                  documentedPageInvByAttributes: signedExample(
                    'Documented example: pageInv by inventory attributes (批量查询分类库存)',
                    WINIT_ACTIONS.pageInv,
                    WINIT_SAMPLE_REQUEST_ATTRIBUTES.data,
                    context,
                  ),
                  documentedPageInvAggregate: signedExample(
                    'Documented example: pageInv aggregated by management types',
                    WINIT_ACTIONS.pageInv,
                    WINIT_SAMPLE_REQUEST_AGGREGATE.data,
                    context,
                  ),
                  batchQuery: signedExample(
                    'batch.query: one merchandise of the default dataset',
                    WINIT_ACTIONS.batchQuery,
                    samples.winitBatchQueryData,
                    context,
                  ),
                  queryWarehouse: signedExample(
                    'queryWarehouse: the warehouses (no data)',
                    WINIT_ACTIONS.queryWarehouse,
                    '',
                    context,
                  ),
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
                      summary: 'Documented response sample (pageInv by inventory attributes)',
                      value: WINIT_SAMPLE_RESPONSE,
                    },
                    documentedAggregateResponse: {
                      summary: 'Documented response sample (pageInv aggregated)',
                      value: WINIT_SAMPLE_RESPONSE_AGGREGATE,
                    },
                    warehouses: {
                      summary: 'queryWarehouse on the default dataset',
                      value: samples.winitWarehousesAnswer,
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
