import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { isEmail, IsInt, Max, MaxLength, Min, MinLength, ValidateBy, ValidateIf } from 'class-validator';
import { FieldMessages as Messages } from '../errors/messages.js';

/**
 * The constraint names that are "gates" (presence, null, type, blank): when
 * one fails, DRF reports only that message for the field, not the length or
 * format checks behind it. The pipe reads this order.
 */
export const GATE_CONSTRAINTS = ['isPresent', 'notNull', 'text', 'isInt', 'notBlank'] as const;

const rule = (name: string, validate: (value: unknown) => boolean, message: string) =>
  ValidateBy({ name, validator: { validate, defaultMessage: () => message } });

const IsPresent = () => rule('isPresent', (v) => v !== undefined, Messages.required);
const NotNull = () => rule('notNull', (v) => v !== null, Messages.notNull);
const IsText = () => rule('text', (v) => typeof v === 'string', Messages.notText);
const NotBlank = () => rule('notBlank', (v) => typeof v === 'string' && v.length > 0, Messages.blank);
/** PostgreSQL cannot store NUL, and it has no business in a name. */
const NoNullCharacters = () => rule('noNullCharacters', (v) => typeof v !== 'string' || !v.includes('\0'), Messages.nullCharacter);
const IsEmailAddress = () => rule('email', (v) => typeof v === 'string' && isEmail(v), Messages.badEmail);

/** Validated only when sent: `null` is still checked (and refused), as DRF does. */
export const OptionalField = () => ValidateIf((_object, value) => value !== undefined);

/**
 * DRF's CharField input handling: numbers become text, surrounding white
 * space goes (not for passwords). `nfkc` folds compatibility characters
 * before validation, as Django does to usernames, so the checked text is the stored text.
 */
const DrfText = (trim: boolean, nfkc: boolean) =>
  Transform(({ value }: { value: unknown }) => {
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (typeof value !== 'string') return value;
    const text = nfkc ? value.normalize('NFKC') : value;
    return trim ? text.trim() : text;
  });

export interface CharFieldOptions {
  /** Must be sent (default). An optional field may be left out, never sent as null. */
  required?: boolean;
  /** `""` is accepted and skips the checks below (DRF's allow_blank). */
  allowBlank?: boolean;
  /** DRF's trim_whitespace; off for passwords. */
  trim?: boolean;
  nfkc?: boolean;
  maxLength: number;
  minLength?: { length: number; message: string };
  email?: boolean;
  /** Field-specific rules, run after the ones above. */
  rules?: PropertyDecorator[];
  /** The rest of the field's OpenAPI description (example, format, writeOnly...). */
  openapi: { example: string; description?: string; format?: string; writeOnly?: boolean; default?: string };
}

/**
 * One DRF CharField: presence, null, type, NUL, blank and length rules with
 * DRF's messages, and the OpenAPI property stating the same limits, so the
 * document never promises what the server does not enforce. (Unpaired
 * surrogates never reach a field: the pipe refuses them in any string first.)
 */
export function CharField(options: CharFieldOptions): PropertyDecorator {
  const { required = true, allowBlank = false, trim = true, nfkc = false, maxLength, minLength, email = false } = options;
  const shortest = Math.max(allowBlank ? 0 : 1, minLength?.length ?? 0);
  const format = email ? 'email' : options.openapi.format;
  return applyDecorators(
    ApiProperty({
      type: String,
      required,
      maxLength,
      ...(shortest > 0 && { minLength: shortest }),
      ...options.openapi,
      // A blank address is no address: say "email or empty" rather than a format '' breaks.
      ...(format && allowBlank
        ? {
            format: undefined,
            anyOf: [
              { type: 'string', format, maxLength },
              { type: 'string', maxLength: 0 },
            ],
          }
        : { format }),
    }),
    DrfText(trim, nfkc),
    ...(required ? [IsPresent()] : [OptionalField()]),
    NotNull(),
    IsText(),
    NoNullCharacters(),
    ...(allowBlank ? [ValidateIf((_object, value) => value !== '')] : [NotBlank()]),
    MaxLength(maxLength, { message: Messages.tooLong }),
    ...(minLength ? [MinLength(minLength.length, { message: minLength.message })] : []),
    ...(email ? [IsEmailAddress()] : []),
    ...(options.rules ?? []),
  );
}

/** A whole number from a query string (`?limit=10`), within bounds, optional. */
export function IntegerField(options: { minimum: number; maximum: number; default?: number; description?: string }): PropertyDecorator {
  const { minimum, maximum } = options;
  return applyDecorators(
    ApiProperty({ type: 'integer', format: 'int32', required: false, ...options }),
    // Whole numbers become numbers (so range rules can speak); anything else stays text and fails IsInt.
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : value)),
    OptionalField(),
    IsInt({ message: Messages.notInteger }),
    Min(minimum, { message: Messages.atLeast(minimum) }),
    Max(maximum, { message: Messages.atMost(maximum) }),
  );
}

/** How DRF shows a refused choice: the text as sent, anything else as JSON (`5`, `true`, `["a"]`). */
export const choiceInput = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

/**
 * DRF's ChoiceField: one of `choices`, exactly as written (no trimming, no
 * case folding); anything else is `"x" is not a valid choice.`. Optional
 * fields may be left out, never sent as null.
 */
export function ChoiceField(options: {
  choices: readonly string[];
  required?: boolean;
  default?: string;
  description?: string;
}): PropertyDecorator {
  const { choices, required = true } = options;
  return applyDecorators(
    ApiProperty({
      type: String,
      enum: [...choices],
      required,
      example: choices[0],
      ...(options.default !== undefined && { default: options.default }),
      description: options.description,
    }),
    ...(required ? [IsPresent()] : [OptionalField()]),
    NotNull(),
    ValidateBy({
      name: 'choice',
      validator: {
        validate: (value) => typeof value === 'string' && choices.includes(value),
        defaultMessage: (args) => Messages.invalidChoice(choiceInput(args?.value)),
      },
    }),
  );
}

/** DRF's BooleanField words (any case); `dry_run=` alone reads as false, as an unticked form box does. */
const TRUE_WORDS = ['true', 't', 'yes', 'y', 'on', '1'];
const FALSE_WORDS = ['false', 'f', 'no', 'n', 'off', '0', ''];

/** A yes/no query parameter, optional, read as DRF's BooleanField reads it; anything else is `Must be a valid boolean.`. */
export function BooleanField(options: { description?: string }): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: 'boolean', required: false, default: false, ...options }),
    Transform(({ value }: { value: unknown }) => {
      if (typeof value !== 'string') return value;
      const word = value.trim().toLowerCase();
      return TRUE_WORDS.includes(word) ? true : FALSE_WORDS.includes(word) ? false : value;
    }),
    OptionalField(),
    ValidateBy({
      name: 'boolean',
      validator: { validate: (value) => typeof value === 'boolean', defaultMessage: () => Messages.notBoolean },
    }),
  );
}
