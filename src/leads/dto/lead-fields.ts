import { applyDecorators } from '@nestjs/common';
import { ApiHideProperty, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, IsEmail, MaxLength } from 'class-validator';
import {
  DrfText,
  IsText,
  NoNullCharacters,
  NotBlank,
  NotNull,
  OptionalField,
  Required,
} from '../../common/validation/drf-rules.js';
import { FieldMessages as Messages } from '../../common/errors/messages.js';

const presence = (required: boolean) => (required ? [Required()] : [OptionalField()]);

export const LeadName = (required: boolean) =>
  applyDecorators(
    (required ? ApiProperty : ApiPropertyOptional)({ example: 'Jane Doe', minLength: 1, maxLength: 100 }),
    DrfText(),
    ...presence(required),
    NotNull(),
    IsText(),
    NoNullCharacters(),
    NotBlank(),
    MaxLength(100, { message: Messages.tooLong }),
  );

export const LeadEmail = (required: boolean) =>
  applyDecorators(
    (required ? ApiProperty : ApiPropertyOptional)({ example: 'jane@example.com', format: 'email', maxLength: 100 }),
    DrfText(),
    ...presence(required),
    NotNull(),
    IsText(),
    NoNullCharacters(),
    NotBlank(),
    IsEmail({}, { message: Messages.badEmail }),
    MaxLength(100, { message: Messages.tooLong }),
  );

export const LeadMessage = () =>
  applyDecorators(
    ApiPropertyOptional({ example: 'Met at the fair.', maxLength: 500, default: '' }),
    DrfText(),
    OptionalField(),
    NotNull(),
    IsText(),
    NoNullCharacters(),
    MaxLength(500, { message: Messages.tooLong }),
  );

/** Sent back by clients that echo a lead they read; accepted and never used. */
export const ReadOnlyLeadField = () => applyDecorators(ApiHideProperty(), Allow());

/**
 * `id`, `owner` and `created_at` are read-only: a body may carry them (clients
 * send back what they read) but the service never reads them.
 */
export abstract class ReadOnlyLeadFields {
  @ReadOnlyLeadField()
  id?: unknown;

  @ReadOnlyLeadField()
  owner?: unknown;

  @ReadOnlyLeadField()
  created_at?: unknown;
}
