import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, type OperationObject, SwaggerModule } from '@nestjs/swagger';
import { METHODS_WITH_BODY } from '../http/body.middleware.js';
import { THROTTLED_EXTENSION } from '../throttling/throttled.decorator.js';
import { busyResponse, errorResponse, RATE_LIMIT_HEADERS } from './api-errors.decorator.js';

/** The name of the bearer scheme every authenticated route refers to. */
export const TOKEN_SECURITY = 'token';

/** Node refuses request headers over 16 KiB, and the longest message echoes one (the media type). */
const MAX_MESSAGE_LENGTH = 16 * 1024 + 64;

const ERROR_ENVELOPE_SCHEMA = {
  type: 'object',
  required: ['msg', 'status'],
  description:
    'Every non-2xx body. `msg` is shaped as DRF shapes errors: `{field: [messages]}`, ' +
    '`{non_field_errors: [messages]}` or `{detail: message}`. With ERROR_FORMAT=drf the body is `msg` alone.',
  properties: {
    msg: {
      type: 'object',
      additionalProperties: {
        oneOf: [
          { type: 'string', maxLength: MAX_MESSAGE_LENGTH },
          { type: 'array', maxItems: 10, items: { type: 'string', maxLength: MAX_MESSAGE_LENGTH } },
        ],
      },
    },
    status: { type: 'integer', format: 'int32', minimum: 400, maximum: 599, description: 'Equals the HTTP status code.', example: 400 },
  },
} as const;

const TAGS: [name: string, description: string][] = [
  ['auth', 'Accounts and their tokens (django-rest-knox semantics)'],
  ['leads', "The caller's leads; another user's are never visible"],
  ['service', 'Health of this instance'],
];

/**
 * Answers a route can give whatever its code: Node refuses a malformed request
 * (400) or oversized headers (431); and, before routing, on each method whose
 * body is read, the body parser refuses an oversized body (413) and a type or
 * charset it does not read (415).
 */
function documentCommonErrors(operation: OperationObject, method: string): void {
  const bodyErrors = METHODS_WITH_BODY.has(method.toUpperCase()) ? [413, 415] : [];
  for (const status of [400, 431, 500, ...bodyErrors]) operation.responses[status] ??= errorResponse(status);
  operation.responses = Object.fromEntries(Object.entries(operation.responses).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Routes under @Throttled() carry the RateLimit headers on their answers (those that reach the throttle).
 * They are the routes that hash a password, so they may also be shed with 503 when hashing is overloaded.
 */
function documentRateLimitHeaders(operation: OperationObject): void {
  if (!(operation as unknown as Record<string, unknown>)[THROTTLED_EXTENSION]) return;
  operation.responses = Object.fromEntries(
    Object.entries({ ...operation.responses, 503: busyResponse() }).sort(([x], [y]) => x.localeCompare(y)),
  );
  for (const [status, response] of Object.entries(operation.responses)) {
    if (!response || !/^[24]/.test(status) || '$ref' in response) continue;
    response.headers = { ...RATE_LIMIT_HEADERS, ...response.headers };
  }
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Lead Manager API')
    .setDescription(
      'The Django Lead Manager (DRF + django-rest-knox) API on NestJS. Register or log in to get a token, ' +
        'then use Authorize. Every route also answers with a trailing slash.',
    )
    .setVersion('1.0.0')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: '64 hex characters',
        description: 'The token from register or login. `Token <token>` works too.',
      },
      TOKEN_SECURITY,
    );
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build());
  for (const pathItem of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(pathItem) as [string, OperationObject][]) {
      documentCommonErrors(operation, method);
      documentRateLimitHeaders(operation);
    }
  }
  // The document describes the server that serves it, wherever that runs.
  document.servers = [{ url: '/', description: 'This server: local, staging or production alike', 'x-internal': false } as never];
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ErrorEnvelope: ERROR_ENVELOPE_SCHEMA as never },
  };
  return document;
}

const servedDocuments = new WeakMap<INestApplication, OpenAPIObject>();

/** The document an app serves at /api/docs-json (tests check every response against it). */
export const servedOpenApiDocument = (app: INestApplication): OpenAPIObject | undefined => servedDocuments.get(app);

/** Swagger UI at /api/docs, the document at /api/docs-json; both public. */
export function setupOpenApi(app: INestApplication): void {
  const document = buildOpenApiDocument(app);
  servedDocuments.set(app, document);
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs-json',
    yamlDocumentUrl: 'api/docs-yaml',
    customSiteTitle: 'Lead Manager API',
    swaggerOptions: { persistAuthorization: true, validatorUrl: null },
  });
}
