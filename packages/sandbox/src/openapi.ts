import { type OpenAPIObject, OpenApiBuilder, type SchemaObject } from 'openapi3-ts/oas31';
import { z } from 'zod';

/**
 * Converts a wire schema of a provider package into an OpenAPI 3.1 schema object. OpenAPI 3.1
 * uses JSON Schema 2020-12, which is what zod emits; `io: 'input'` describes what goes on the
 * wire (a quantity is `number | string`), not what the client makes of it.
 */
export function toOpenApiSchema(schema: z.ZodType): SchemaObject {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  delete json.$schema;
  return json as SchemaObject;
}

/** What a provider contributes to its OpenAPI document. */
export interface OpenApiSource {
  title: string;
  description: string;
  version: string;
  /** The real gateway's base URL, listed after the sandbox's. */
  productionUrl: string;
  build(builder: OpenApiBuilder): void;
}

/** Builds one provider's OpenAPI 3.1 document. `sandboxUrl` is where this sandbox answers. */
export function buildOpenApiDocument(source: OpenApiSource, sandboxUrl = '/'): OpenAPIObject {
  const builder = OpenApiBuilder.create()
    .addOpenApiVersion('3.1.0')
    .addTitle(source.title)
    .addVersion(source.version)
    .addDescription(source.description)
    .addServer({ url: sandboxUrl, description: 'inv sandbox' })
    .addServer({ url: source.productionUrl, description: 'production gateway' });
  source.build(builder);
  return builder.getSpec();
}
