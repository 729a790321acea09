import {
  authTokenQuerySchema,
  authTokenResponseSchema,
  INV_SYNCHRONOUS_RESPONSE_SAMPLE,
  invSynchronousQuerySchema,
  invSynchronousResponseSchema,
  KINGDEE_DEFAULT_BASE_URL,
  KINGDEE_HEADERS,
  KINGDEE_PATHS,
  KINGDEE_SANDBOX_CREDENTIALS,
  kingdeeGatewayErrorSchema,
  pushAppAuthorizeQuerySchema,
  pushAppAuthorizeResponseSchema,
  scmInventoryQuerySchema,
  scmInventoryResponseSchema,
} from '@inv/kingdee-protocol';
import type { OpenApiBuilder, OperationObject, ParameterObject } from 'openapi3-ts/oas31';
import type { z } from 'zod';
import {
  type OpenApiBuildContext,
  type OpenApiSource,
  SIGNED_BY_PAGE,
  toOpenApiSchema,
} from './openapi.js';
import {
  authTokenAnswer,
  defaultDatasetSamples,
  pushAppAuthorizeAnswer,
} from './openapi-examples.js';
import {
  authTokenQuery,
  isKingdeeBusinessPath,
  kingdeeCredentialsSchema,
  type SignedSandboxRequest,
  signKingdee,
} from './request-signer.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Query parameters of an operation, from the package's query schema, with the example values. */
function queryParameters(
  schema: z.ZodObject,
  example: Readonly<Record<string, string>>,
): ParameterObject[] {
  const required = new Set(toOpenApiSchema(schema).required ?? []);
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema: toOpenApiSchema(field as z.ZodType),
    ...(example[name] === undefined ? {} : { example: example[name] }),
  }));
}

// docs/protocols/kingdee.md §3: headers on every call; business calls add X-GW-Router-Addr (and the
// app-token, a security scheme). Each example is one request signed for the sandbox when the
// document was served; the docs page signs every request anew through POST /_sandbox/sign.
const HEADER_TEXTS: [name: string, description: string][] = [
  [KINGDEE_HEADERS.clientId, 'Developer app id (client_id).'],
  [KINGDEE_HEADERS.authVersion, 'Always `2.0`.'],
  [KINGDEE_HEADERS.timestamp, 'Current time in milliseconds; valid for 5 minutes.'],
  [KINGDEE_HEADERS.nonce, 'Random positive integer, never reused within the window.'],
  [KINGDEE_HEADERS.signHeaders, 'Exactly the nonce and timestamp headers, any order.'],
];

function signedHeaders(signed: SignedSandboxRequest, business: boolean): ParameterObject[] {
  const texts: [string, string][] = business
    ? [
        ...HEADER_TEXTS,
        [KINGDEE_HEADERS.routerAddr, 'The account domain (IDC), from push_app_authorize.'],
      ]
    : HEADER_TEXTS;
  return texts.map(([name, description]) => ({
    name,
    in: 'header',
    required: true,
    description: `${description} Filled by the docs page for each request (POST /_sandbox/sign).`,
    schema: { type: 'string' },
    example: signed.headers[name],
    [SIGNED_BY_PAGE]: true,
  }));
}

const gatewayError = {
  description:
    'Gateway refusal (authentication, signature, routing): HTTP 519 with `errcode` 4001–4012 or 5001–5007. On 4008 the sandbox adds `X-Kingdee-Mock-String-To-Sign` (base64 of the string it signed).',
  headers: { 'X-Kingdee-Mock-String-To-Sign': { schema: { type: 'string' as const } } },
  content: { 'application/json': { schema: ref('GatewayError') } },
};

interface OperationInput extends Omit<OperationObject, 'responses' | 'parameters'> {
  method: 'GET' | 'POST';
  path: string;
  query: z.ZodObject;
  /** Values of the example request's query. */
  exampleQuery: Readonly<Record<string, string>>;
  ok: string;
  okExamples: Record<string, { summary: string; value: unknown }>;
}

function operation(op: OperationInput, context: OpenApiBuildContext): OperationObject {
  const { method, path, query, exampleQuery, ok, okExamples, ...rest } = op;
  const signed = signKingdee({
    method,
    path,
    query: exampleQuery,
    credentials: kingdeeCredentialsSchema.parse({}),
    now: context.now,
  });
  return {
    ...rest,
    parameters: [
      ...signedHeaders(signed, isKingdeeBusinessPath(path)),
      ...queryParameters(query, exampleQuery),
    ],
    responses: {
      '200': {
        description:
          'Success when `errcode` is 0; business errors (token, parameters: 1000202001, 1000202002, 1030002006, 2000001000, 2000002000) also answer HTTP 200 with a non-zero `errcode`.',
        content: {
          'application/json': {
            schema: ref(ok),
            examples: okExamples,
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
  build(builder: OpenApiBuilder, context: OpenApiBuildContext) {
    const samples = defaultDatasetSamples();
    const account = KINGDEE_SANDBOX_CREDENTIALS.account;
    builder
      .addSecurityScheme('apiSignature', {
        type: 'apiKey',
        in: 'header',
        name: 'X-Api-Signature',
        description:
          'Base64 of the lowercase hex HMAC-SHA256 of the string-to-sign, keyed with client_secret (88 characters). The docs page signs each request through POST /_sandbox/sign.',
      })
      .addSecurityScheme('appToken', {
        type: 'apiKey',
        in: 'header',
        name: 'app-token',
        description:
          'Account token from kingdee_auth_token; lives 24 h. The docs page obtains one through the sandbox token flow for each business request.',
      })
      .addSchema('GatewayError', toOpenApiSchema(kingdeeGatewayErrorSchema))
      .addSchema('PushAppAuthorizeResponse', toOpenApiSchema(pushAppAuthorizeResponseSchema))
      .addSchema('AuthTokenResponse', toOpenApiSchema(authTokenResponseSchema))
      .addSchema('InvSynchronousResponse', toOpenApiSchema(invSynchronousResponseSchema))
      .addSchema('ScmInventoryResponse', toOpenApiSchema(scmInventoryResponseSchema))
      .addPath(KINGDEE_PATHS.pushAppAuthorize, {
        post: operation(
          {
            operationId: 'pushAppAuthorize',
            summary: 'Authorised accounts of the app (appKey, appSecret, domain)',
            security: [{ apiSignature: [] }],
            method: 'POST',
            path: KINGDEE_PATHS.pushAppAuthorize,
            query: pushAppAuthorizeQuerySchema,
            exampleQuery: { outerInstanceId: account.outerInstanceId },
            ok: 'PushAppAuthorizeResponse',
            okExamples: {
              sandboxAccount: {
                summary: 'The sandbox account',
                value: pushAppAuthorizeAnswer(context.now),
              },
            },
          },
          context,
        ),
      })
      .addPath(KINGDEE_PATHS.authToken, {
        get: operation(
          {
            operationId: 'kingdeeAuthToken',
            summary: 'Obtain the account app-token with app_key and app_signature',
            security: [{ apiSignature: [] }],
            method: 'GET',
            path: KINGDEE_PATHS.authToken,
            query: authTokenQuerySchema,
            exampleQuery: authTokenQuery(kingdeeCredentialsSchema.parse({})),
            ok: 'AuthTokenResponse',
            okExamples: {
              issued: {
                summary: 'A token issued by the sandbox',
                value: authTokenAnswer(context.now),
              },
            },
          },
          context,
        ),
      })
      .addPath(KINGDEE_PATHS.invSynchronous, {
        get: operation(
          {
            operationId: 'invSynchronous',
            summary: '库存同步列表: inventory rows by id (at most 100)',
            description:
              'Query `ids` is one value in the form `[id1,id2]`. Unknown ids are omitted from `rows`. The documented request `ids=[]` answers the documented response sample.',
            security: [{ apiSignature: [], appToken: [] }],
            method: 'GET',
            path: KINGDEE_PATHS.invSynchronous,
            query: invSynchronousQuerySchema,
            exampleQuery: { ids: samples.kingdeeIds },
            ok: 'InvSynchronousResponse',
            okExamples: {
              documented: {
                summary: 'Documented response sample (库存同步列表), the answer to `ids=[]`',
                value: INV_SYNCHRONOUS_RESPONSE_SAMPLE,
              },
              defaultDataset: {
                summary: `Two rows of the default dataset: ids=${samples.kingdeeIds}`,
                value: samples.invSynchronousAnswer,
              },
            },
          },
          context,
        ),
      })
      .addPath(KINGDEE_PATHS.scmInventory, {
        get: operation(
          {
            operationId: 'scmInventory',
            summary: '商品库存列表: the paged inventory list',
            description:
              '`page` from 1, `page_size` at most 100. A larger page_size is cut to 100 while `total_page` is computed from the requested size (a gateway quirk the sandbox reproduces).',
            security: [{ apiSignature: [], appToken: [] }],
            method: 'GET',
            path: KINGDEE_PATHS.scmInventory,
            query: scmInventoryQuerySchema,
            exampleQuery: { page: '1', page_size: '2' },
            ok: 'ScmInventoryResponse',
            okExamples: {
              defaultDataset: {
                summary: 'First page of two rows of the default dataset',
                value: samples.scmInventoryAnswer,
              },
            },
          },
          context,
        ),
      });
  },
};
