import { type ArgumentMetadata, Injectable, type PipeTransform, ValidationPipe, type ValidationError, HttpStatus } from '@nestjs/common';
import { ApiException, nonFieldError } from '../errors/api.exception.js';
import { FieldMessages, RequestMessages } from '../errors/messages.js';
import { GATE_CONSTRAINTS } from './drf-fields.js';
import { refuseDeepNesting, refuseSurrogates } from './input-guards.js';

/** Turns class-validator's errors into DRF's `{"field": ["message", ...]}`. */
export function toFieldErrors(errors: ValidationError[]): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const error of errors) {
    const constraints = error.constraints ?? {};
    if ('whitelistValidation' in constraints) {
      fields[error.property] = [FieldMessages.unknownField];
      continue;
    }
    const gate = GATE_CONSTRAINTS.find((name) => name in constraints);
    fields[error.property] = gate ? [constraints[gate]] : Object.values(constraints);
  }
  return fields;
}

const validationFailed = (errors: ValidationError[]) => new ApiException(toFieldErrors(errors), HttpStatus.BAD_REQUEST);

/**
 * The global pipe, for bodies and query strings only. Bodies: unknown fields
 * are refused. Query strings: unknown parameters are ignored, as DRF ignores
 * them (browsers and proxies add some).
 */
@Injectable()
export class ApiValidationPipe implements PipeTransform {
  private readonly strict = new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: validationFailed,
  });

  private readonly lenient = new ValidationPipe({
    whitelist: true,
    transform: true,
    exceptionFactory: validationFailed,
  });

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'body' && metadata.metatype && metadata.metatype !== Object) {
      // No body at all reads as an empty form, as DRF reads it; JSON `null` is a body, and not a dictionary.
      const body = value === undefined ? {} : value;
      if (!isDictionary(body)) throw nonFieldError(notADictionary(body));
      refuseDeepNesting(body);
      refuseSurrogates(body);
      return this.strict.transform(body, metadata);
    }
    if (metadata.type === 'query') {
      // Most list calls carry no query string: nothing to convert or check.
      if (isEmpty(value) && metadata.metatype) return new (metadata.metatype as new () => object)();
      refuseSurrogates(value ?? {});
      return this.lenient.transform(value ?? {}, metadata);
    }
    // Path parameters reach their own pipes untouched: converting `0x1` to 1
    // here would let a non-numeric id through to a real lead.
    return value;
  }
}

const isDictionary = (value: unknown): value is object => typeof value === 'object' && value !== null && !Array.isArray(value);

/** DRF's words for a body that is not an object, naming the Python type it would have parsed to. */
function notADictionary(body: unknown): string {
  if (body === null) return RequestMessages.noData;
  if (Array.isArray(body)) return RequestMessages.notADictionary('list');
  if (typeof body === 'number') return RequestMessages.notADictionary(Number.isInteger(body) ? 'int' : 'float');
  return RequestMessages.notADictionary(typeof body === 'boolean' ? 'bool' : 'str');
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  for (const _key in value) return false;
  return true;
}
