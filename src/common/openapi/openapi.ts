import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** The name of the bearer scheme every authenticated route refers to. */
export const TOKEN_SECURITY = 'token';

const ERROR_ENVELOPE_SCHEMA = {
  type: 'object',
  required: ['msg', 'status'],
  description:
    'Every non-2xx body. `msg` is shaped as DRF shapes errors: `{field: [messages]}`, ' +
    '`{non_field_errors: [messages]}` or `{detail: message}`. With ERROR_FORMAT=drf the body is `msg` alone.',
  properties: {
    msg: {
      type: 'object',
      additionalProperties: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
    },
    status: { type: 'integer', description: 'Equals the HTTP status code.', example: 400 },
  },
} as const;

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Lead Manager API')
    .setDescription(
      'The Django Lead Manager (DRF + django-rest-knox) API on NestJS. Register or log in to get a token, ' +
        'then use Authorize. Every route also answers with a trailing slash.',
    )
    .setVersion('1.0.0')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', bearerFormat: '64 hex characters', description: 'The token from register or login. `Token <token>` works too.' },
      TOKEN_SECURITY,
    )
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ErrorEnvelope: ERROR_ENVELOPE_SCHEMA as never },
  };
  return document;
}

/** Swagger UI at /api/docs, the document at /api/docs-json; both public. */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
    yamlDocumentUrl: 'api/docs-yaml',
    customSiteTitle: 'Lead Manager API',
    swaggerOptions: { persistAuthorization: true, validatorUrl: null },
  });
}
