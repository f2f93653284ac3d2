import type { OpenAPIObject } from '@nestjs/swagger';
import ajv, { type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';
import type { Response } from 'supertest';
import type { ErrorFormat } from '../../src/config/settings.js';

// CommonJS modules: their ESM default is `module.exports`, which carries the class and function as `default`.
const Ajv = ajv.default;
const addFormats = ajvFormats.default;

type Schema = Record<string, unknown>;
interface DocumentedResponse {
  content?: Record<string, { schema?: Schema }>;
  headers?: Record<string, { schema?: Schema }>;
}
type Operation = { responses: Record<string, DocumentedResponse> };

const ERROR_ENVELOPE = { $ref: '#/components/schemas/ErrorEnvelope' };
const DRF_ERROR_BODY = { $ref: '#/components/schemas/ErrorEnvelope/properties/msg' };

/** OpenAPI 3.0 schema words JSON Schema lacks: `nullable`, and `$ref`s into the document. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (typeof node !== 'object' || node === null) return node;
  const schema: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') schema.$ref = `openapi${value}`;
    else if (key !== 'nullable' && key !== 'example') schema[key] = toJsonSchema(value);
  }
  if ((node as Schema).nullable === true && typeof schema.type === 'string') schema.type = [schema.type, 'null'];
  return schema;
}

/**
 * Checks that a response is one the served OpenAPI document describes: a
 * documented status for the operation (or 404/405 off the documented routes),
 * a body matching its schema (the bare DRF body with ERROR_FORMAT=drf), and
 * documented headers matching theirs.
 */
export class OpenApiResponseChecker {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly routes: { pattern: RegExp; path: string }[];

  constructor(
    private readonly document: OpenAPIObject,
    private readonly format: ErrorFormat,
  ) {
    addFormats(this.ajv);
    this.ajv.addFormat('password', true);
    this.ajv.addSchema({ $id: 'openapi', components: toJsonSchema(document.components) });
    this.routes = Object.keys(document.paths).map((path) => ({
      path,
      pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
    }));
  }

  check(response: Response): void {
    const request = (response as unknown as { req: { method: string; path: string } }).req;
    const method = request.method.toLowerCase();
    const where = `${request.method} ${request.path.slice(0, 200)} answered ${response.status}`;
    const route = this.routes.find(({ pattern }) => pattern.test(request.path.split('?')[0]));
    const operation = route && (this.document.paths[route.path] as Record<string, Operation>)[method === 'head' ? 'get' : method];
    if (!operation) {
      // Off the documented routes: the docs themselves, OPTIONS, or an error (404, 405, 431...) in the envelope.
      if (response.status >= 400) this.validate(this.errorSchema(), response.body, where);
      return;
    }
    const documented = operation.responses[response.status] ?? operation.responses.default;
    if (!documented) throw new Error(`${where}, a status its OpenAPI operation does not document`);
    for (const [name, header] of Object.entries(documented.headers ?? {})) {
      const value = response.headers[name.toLowerCase()] as string | undefined;
      if (value === undefined || !header.schema) continue;
      const typed = header.schema.type === 'integer' && /^-?\d+$/.test(value) ? Number(value) : value;
      this.validate(toJsonSchema(header.schema) as Schema, typed, `${where}, header ${name}`);
    }
    const schema = documented.content?.['application/json']?.schema;
    if (method === 'head' || response.status === 204 || !schema) return;
    expectJson(response, where);
    this.validate(response.status >= 400 ? this.errorSchema() : (toJsonSchema(schema) as Schema), response.body, where);
  }

  private errorSchema(): Schema {
    return toJsonSchema(this.format === 'drf' ? DRF_ERROR_BODY : ERROR_ENVELOPE) as Schema;
  }

  private validate(schema: Schema, value: unknown, where: string): void {
    const key = JSON.stringify(schema);
    const validate = this.compiled.get(key) ?? this.ajv.compile(schema);
    this.compiled.set(key, validate);
    if (!validate(value)) {
      throw new Error(
        `${where}: not as the OpenAPI document says: ${this.ajv.errorsText(validate.errors)}\n${JSON.stringify(value)?.slice(0, 500)}`,
      );
    }
  }
}

function expectJson(response: Response, where: string): void {
  if (!/^application\/json/.test(response.headers['content-type'] ?? '')) {
    throw new Error(`${where} with Content-Type ${response.headers['content-type']}, not JSON`);
  }
}

const checkers = new Map<string, OpenApiResponseChecker>();

/** One checker per distinct document and error format (most apps serve the same document). */
export function responseCheckerFor(document: OpenAPIObject, format: ErrorFormat): OpenApiResponseChecker {
  const key = `${format}:${JSON.stringify(document)}`;
  let checker = checkers.get(key);
  if (!checker) checkers.set(key, (checker = new OpenApiResponseChecker(document, format)));
  return checker;
}

const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);

/** supertest bound to an app, with every response checked against the document before the test's own expectations. */
export function checkingResponses<T extends object>(agent: T, checker: OpenApiResponseChecker): T {
  return new Proxy(agent, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function' || !HTTP_METHODS.has(String(property))) return value;
      return (...args: unknown[]) =>
        (value.apply(target, args) as { expect(check: (response: Response) => void): unknown }).expect((response) =>
          checker.check(response),
        );
    },
  });
}
