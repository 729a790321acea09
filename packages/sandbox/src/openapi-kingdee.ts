import {
  authTokenQuerySchema,
  authTokenResponseSchema,
  INV_SYNCHRONOUS_RESPONSE_SAMPLE,
  invSynchronousQuerySchema,
  invSynchronousResponseSchema,
  KINGDEE_DEFAULT_BASE_URL,
  KINGDEE_PATHS,
  kingdeeGatewayErrorSchema,
  pushAppAuthorizeQuerySchema,
  pushAppAuthorizeResponseSchema,
  scmInventoryQuerySchema,
  scmInventoryResponseSchema,
} from '@inv/kingdee-protocol';
import type { OpenApiBuilder, OperationObject, ParameterObject } from 'openapi3-ts/oas31';
import type { z } from 'zod';
import { type OpenApiSource, toOpenApiSchema } from './openapi.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const param = (name: string) => ({ $ref: `#/components/parameters/${name}` });

/** Query parameters of an operation, from the package's query schema (one source of truth). */
function queryParameters(schema: z.ZodObject): ParameterObject[] {
  const required = new Set(toOpenApiSchema(schema).required ?? []);
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema: toOpenApiSchema(field as z.ZodType),
  }));
}

// protocols/kingdee.md §3: headers on every call; business calls add app-token and X-GW-Router-Addr.
const SIGNED_HEADERS = ['ClientID', 'AuthVersion', 'TimeStamp', 'Nonce', 'SignHeaders'].map(param);
const BUSINESS_HEADERS = [...SIGNED_HEADERS, param('RouterAddr')];

const gatewayError = {
  description:
    'Gateway refusal (authentication, signature, routing): HTTP 519 with `errcode` 4001–4012 or 5001–5007. On 4008 the sandbox adds `X-Kingdee-Mock-String-To-Sign` (base64 of the string it signed).',
  headers: { 'X-Kingdee-Mock-String-To-Sign': { schema: { type: 'string' as const } } },
  content: { 'application/json': { schema: ref('GatewayError') } },
};

function operation(
  op: Omit<OperationObject, 'responses'> & { ok: string; okExample?: unknown },
): OperationObject {
  const { ok, okExample, ...rest } = op;
  return {
    ...rest,
    responses: {
      '200': {
        description:
          'Success when `errcode` is 0; business errors (token, parameters: 1000202001, 1000202002, 1030002006, 2000001000, 2000002000) also answer HTTP 200 with a non-zero `errcode`.',
        content: {
          'application/json': {
            schema: ref(ok),
            ...(okExample === undefined
              ? {}
              : {
                  examples: {
                    documented: {
                      summary: 'Documented response sample (库存同步列表)',
                      value: okExample,
                    },
                  },
                }),
          },
        },
      },
      '429': {
        description:
          'Throttled (reported, not documented): `{"errcode":429,"description":"已被限流"}`.',
        content: { 'application/json': { schema: ref('GatewayError') } },
      },
      '519': gatewayError,
    },
  };
}

/** The Kingdee JDY open API v2 gateway, as far as `inv` uses it, as an OpenAPI 3.1 document. */
export const kingdeeOpenApi: OpenApiSource = {
  title: 'Kingdee JDY (精斗云) open API v2 — inventory',
  version: '2.0',
  productionUrl: KINGDEE_DEFAULT_BASE_URL,
  description: [
    'Every call is signed with `X-Api-Signature = Base64(hex(HMAC-SHA256(client_secret, S)))` where',
    '`S = METHOD\\n gw_encode(path)\\n canonical_query\\n x-api-nonce:<nonce>\\n x-api-timestamp:<ms>\\n` (the final newline is required; the query is sorted and its values encoded twice).',
    'Business calls also carry the account `app-token` (from `kingdee_auth_token`) and `X-GW-Router-Addr` (the account domain).',
    'Business error codes 1000202002, 2000001000 and the HTTP 519 mapping of routing errors are assumptions of the inv project.',
  ].join('\n\n'),
  build(builder: OpenApiBuilder) {
    const header = (name: string, description: string, example?: string): ParameterObject => ({
      name,
      in: 'header',
      required: true,
      description,
      schema: { type: 'string', ...(example ? { examples: [example] } : {}) },
    });
    builder
      .addParameter('ClientID', header('X-Api-ClientID', 'Developer app id (client_id).', '100100'))
      .addParameter('AuthVersion', header('X-Api-Auth-Version', 'Always `2.0`.', '2.0'))
      .addParameter(
        'TimeStamp',
        header(
          'X-Api-TimeStamp',
          'Current time in milliseconds; valid for 5 minutes.',
          '1700000000000',
        ),
      )
      .addParameter(
        'Nonce',
        header(
          'X-Api-Nonce',
          'Random positive integer, never reused within the window.',
          '1234567890',
        ),
      )
      .addParameter(
        'SignHeaders',
        header(
          'X-Api-SignHeaders',
          'Exactly the nonce and timestamp headers, any order.',
          'X-Api-TimeStamp,X-Api-Nonce',
        ),
      )
      .addParameter(
        'RouterAddr',
        header(
          'X-GW-Router-Addr',
          'The account domain (IDC), from push_app_authorize.',
          'https://tf.jdy.com',
        ),
      )
      .addSecurityScheme('apiSignature', {
        type: 'apiKey',
        in: 'header',
        name: 'X-Api-Signature',
        description:
          'Base64 of the lowercase hex HMAC-SHA256 of the string-to-sign, keyed with client_secret (88 characters).',
      })
      .addSecurityScheme('appToken', {
        type: 'apiKey',
        in: 'header',
        name: 'app-token',
        description: 'Account token from kingdee_auth_token; lives 24 h.',
      })
      .addSchema('GatewayError', toOpenApiSchema(kingdeeGatewayErrorSchema))
      .addSchema('PushAppAuthorizeResponse', toOpenApiSchema(pushAppAuthorizeResponseSchema))
      .addSchema('AuthTokenResponse', toOpenApiSchema(authTokenResponseSchema))
      .addSchema('InvSynchronousResponse', toOpenApiSchema(invSynchronousResponseSchema))
      .addSchema('ScmInventoryResponse', toOpenApiSchema(scmInventoryResponseSchema))
      .addPath(KINGDEE_PATHS.pushAppAuthorize, {
        post: operation({
          operationId: 'pushAppAuthorize',
          summary: 'Authorised accounts of the app (appKey, appSecret, domain)',
          security: [{ apiSignature: [] }],
          parameters: [...SIGNED_HEADERS, ...queryParameters(pushAppAuthorizeQuerySchema)],
          ok: 'PushAppAuthorizeResponse',
        }),
      })
      .addPath(KINGDEE_PATHS.authToken, {
        get: operation({
          operationId: 'kingdeeAuthToken',
          summary: 'Obtain the account app-token with app_key and app_signature',
          security: [{ apiSignature: [] }],
          parameters: [...SIGNED_HEADERS, ...queryParameters(authTokenQuerySchema)],
          ok: 'AuthTokenResponse',
        }),
      })
      .addPath(KINGDEE_PATHS.invSynchronous, {
        get: operation({
          operationId: 'invSynchronous',
          summary: '库存同步列表: inventory rows by id (at most 100)',
          description:
            'Query `ids` is one value in the form `[id1,id2]`. Unknown ids are omitted from `rows`.',
          security: [{ apiSignature: [], appToken: [] }],
          parameters: [...BUSINESS_HEADERS, ...queryParameters(invSynchronousQuerySchema)],
          ok: 'InvSynchronousResponse',
          okExample: INV_SYNCHRONOUS_RESPONSE_SAMPLE,
        }),
      })
      .addPath(KINGDEE_PATHS.scmInventory, {
        get: operation({
          operationId: 'scmInventory',
          summary: '商品库存列表: the paged inventory list',
          description:
            '`page` from 1, `page_size` at most 100. A larger page_size is cut to 100 while `total_page` is computed from the requested size (a gateway quirk the sandbox reproduces).',
          security: [{ apiSignature: [], appToken: [] }],
          parameters: [...BUSINESS_HEADERS, ...queryParameters(scmInventoryQuerySchema)],
          ok: 'ScmInventoryResponse',
        }),
      });
  },
};
