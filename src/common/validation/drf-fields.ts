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
  Transform(({ value }) => {
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
    Transform(({ value }) => (typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : value)),
    OptionalField(),
    IsInt({ message: Messages.notInteger }),
    Min(minimum, { message: Messages.atLeast(minimum) }),
    Max(maximum, { message: Messages.atMost(maximum) }),
  );
}
