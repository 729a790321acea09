import { type OpenAPIObject, OpenApiBuilder, type SchemaObject } from 'openapi3-ts/oas31';
import { z } from 'zod';

/**
 * Converts a wire schema of a provider package into an OpenAPI 3.1 schema object. OpenAPI 3.1
 * uses JSON Schema 2020-12, which is what zod emits; `io: 'input'` describes what goes on the
 * wire (a quantity is `number | string`), not what the client makes of it.
 */
export function toOpenApiSchema(schema: z.ZodType): SchemaObject {
  const json = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    // zod bounds every integer by JavaScript's safe range; the gateways state no such bound, and
    // renderers show ±9007199254740991 as the sample value of every integer field.
    override: ({ jsonSchema }) => {
      if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
      if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
    },
  }) as Record<string, unknown>;
  delete json.$schema;
  return json as SchemaObject;
}

/** What a document is built with: examples are signed for the sandbox at `now`. */
export interface OpenApiBuildContext {
  /** Epoch milliseconds of the sandbox clock when the document is served. */
  now: number;
}

/** What a provider contributes to its OpenAPI document. */
export interface OpenApiSource {
  title: string;
  description: string;
  version: string;
  /** The real gateway's base URL, listed after the sandbox's. */
  productionUrl: string;
  build(builder: OpenApiBuilder, context: OpenApiBuildContext): void;
}

/**
 * Extension on a header parameter: the docs page fills it for each request through
 * `POST /_sandbox/sign`, so its example is only what one signed request looked like.
 */
export const SIGNED_BY_PAGE = 'x-inv-signed-by-page';

/**
 * Builds one provider's OpenAPI 3.1 document. `sandboxUrl` is where this sandbox answers; `now`
 * (the sandbox clock) dates the signed examples, so they are accepted when sent as they are.
 */
export function buildOpenApiDocument(
  source: OpenApiSource,
  sandboxUrl = '/',
  now: number = Date.now(),
): OpenAPIObject {
  const builder = OpenApiBuilder.create()
    .addOpenApiVersion('3.1.0')
    .addTitle(source.title)
    .addVersion(source.version)
    .addDescription(source.description)
    .addServer({ url: sandboxUrl, description: 'inv sandbox' })
    .addServer({ url: source.productionUrl, description: 'production gateway' });
  source.build(builder, { now });
  return builder.getSpec();
}
