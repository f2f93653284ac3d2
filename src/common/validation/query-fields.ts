import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Allow, ValidateBy, ValidateIf } from 'class-validator';
import { FieldMessages as Messages } from '../errors/messages.js';
import { choiceInput } from './drf-fields.js';

/**
 * Query parameters read as DRF's `request.query_params.get()` reads them: a
 * parameter given twice counts once, with its last value; an empty one
 * counts as not given (as SearchFilter, OrderingFilter and django-filter
 * treat `?search=`).
 */
const LastValue = () =>
  Transform(({ value }: { value: unknown }) => {
    const last: unknown = Array.isArray(value) ? value[value.length - 1] : value;
    return typeof last === 'string' && last.trim() === '' ? undefined : last;
  });

const Given = () => ValidateIf((_object, value) => value !== undefined);

const rule = (name: string, validate: (value: unknown) => boolean, message: (value: unknown) => string) =>
  ValidateBy({ name, validator: { validate, defaultMessage: (args) => message(args?.value) } });

const IsText = () =>
  rule(
    'text',
    (v) => typeof v === 'string',
    () => Messages.notText,
  );

/**
 * Free text split on white space into terms (`search`): at most `maxLength`
 * characters and `maxTerms` terms, no NUL. The value stays the text as sent;
 * `searchTerms` splits it.
 */
// No `example` on filters: Swagger UI puts examples into "Try it out", where they would narrow the list.
export function SearchQueryField(options: { maxLength: number; maxTerms: number; description: string }): PropertyDecorator {
  const { maxLength, maxTerms } = options;
  return applyDecorators(
    ApiProperty({ type: String, required: false, minLength: 1, maxLength, description: options.description }),
    LastValue(),
    Given(),
    IsText(),
    rule(
      'noNullCharacters',
      (v) => typeof v === 'string' && !v.includes('\0'),
      () => Messages.nullCharacter,
    ),
    rule(
      'maxLength',
      (v) => typeof v === 'string' && v.length <= maxLength,
      () => Messages.tooLong.replace('$constraint1', String(maxLength)),
    ),
    rule(
      'maxTerms',
      (v) => typeof v === 'string' && searchTerms(v).length <= maxTerms,
      () => Messages.tooManyTerms(maxTerms),
    ),
  );
}

/** The terms of a search text. */
export const searchTerms = (text: string): string[] => text.split(/\s+/u).filter((term) => term !== '');

/** One of `choices` (`ordering`), refused with DRF's choice message. */
export function ChoiceQueryField(options: { choices: readonly string[]; default: string; description: string }): PropertyDecorator {
  const { choices } = options;
  return applyDecorators(
    ApiProperty({ type: String, enum: [...choices], required: false, default: options.default, description: options.description }),
    LastValue(),
    Given(),
    rule(
      'choice',
      (v) => typeof v === 'string' && choices.includes(v),
      (v) => Messages.invalidChoice(choiceInput(v)),
    ),
  );
}

/**
 * Several of `choices` separated by commas (`status=new,contacted`); empty
 * items are skipped. Becomes the list of the distinct choices given; the
 * first one not among the choices is refused with DRF's choice message.
 */
export function ChoiceListQueryField(options: { choices: readonly string[]; maxLength: number; description: string }): PropertyDecorator {
  const { choices, maxLength } = options;
  const items = (value: string) => value.split(',').map((item) => item.trim());
  const firstRefused = (value: unknown) =>
    typeof value === 'string' ? items(value).find((item) => item !== '' && !choices.includes(item)) : undefined;
  return applyDecorators(
    ApiProperty({ type: String, required: false, maxLength, description: options.description }),
    LastValue(),
    Given(),
    IsText(),
    rule(
      'maxLength',
      (v) => typeof v === 'string' && v.length <= maxLength,
      () => Messages.tooLong.replace('$constraint1', String(maxLength)),
    ),
    rule(
      'choice',
      (v) => firstRefused(v) === undefined,
      (v) => Messages.invalidChoice(firstRefused(v) ?? ''),
    ),
  );
}

/** The distinct choices of a valid ChoiceListQueryField value, in the order given. */
export const choiceList = <T extends string>(value: string): T[] =>
  [...new Set(value.split(',').map((item) => item.trim()))].filter((item) => item !== '') as T[];

/** An opaque token (`cursor`), checked by whoever reads it; only its type and length are the pipe's. */
export function TokenQueryField(options: { maxLength: number; description: string }): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: String, required: false, maxLength: options.maxLength, description: options.description }),
    LastValue(),
    Allow(),
  );
}
