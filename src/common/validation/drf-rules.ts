import { Transform } from 'class-transformer';
import { ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';
import { FieldMessages as Messages } from '../errors/messages.js';

/**
 * class-validator rules that speak DRF's words. These constraint names are
 * "gates" (presence, null, type, blank): when one fails, DRF reports only that
 * message for the field, not the length or format checks behind it.
 */
export const GATE_CONSTRAINTS = ['required', 'notNull', 'text', 'isInt', 'notBlank'] as const;


export const Required = (options?: ValidationOptions) =>
  ValidateBy({ name: 'required', validator: { validate: (v) => v !== undefined, defaultMessage: () => Messages.required } }, options);

export const NotNull = (options?: ValidationOptions) =>
  ValidateBy({ name: 'notNull', validator: { validate: (v) => v !== null, defaultMessage: () => Messages.notNull } }, options);

export const IsText = (options?: ValidationOptions) =>
  ValidateBy({ name: 'text', validator: { validate: (v) => typeof v === 'string', defaultMessage: () => Messages.notText } }, options);

export const NotBlank = (options?: ValidationOptions) =>
  ValidateBy({ name: 'notBlank', validator: { validate: (v) => typeof v === 'string' && v.length > 0, defaultMessage: () => Messages.blank } }, options);

/** DRF refuses NUL in text: PostgreSQL cannot store it, and it has no business in a name. */
export const NoNullCharacters = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'noNullCharacters',
      validator: { validate: (v) => typeof v !== 'string' || !v.includes('\0'), defaultMessage: () => Messages.nullCharacter },
    },
    options,
  );

/** Validated only when sent: `null` is still checked (and refused), as DRF does. */
export const OptionalField = () => ValidateIf((_object, value) => value !== undefined);

/**
 * DRF's CharField input handling: numbers become text, surrounding white
 * space goes (not for passwords). `nfkc` folds compatibility characters
 * before validation, as Django does to usernames, so the checked text is the stored text.
 */
export const DrfText = ({ trim = true, nfkc = false } = {}) =>
  Transform(({ value }) => {
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (typeof value !== 'string') return value;
    const text = nfkc ? value.normalize('NFKC') : value;
    return trim ? text.trim() : text;
  });
