/**
 * Every message the contract (API.md) fixes, in one place and laid out like
 * its error table: field errors, errors about the request as a whole, then
 * `detail` messages by status. Code and OpenAPI examples read them from here.
 */

/** 400, under the field's key: `{"<field>": ["..."]}`. */
export const FieldMessages = {
  required: 'This field is required.',
  blank: 'This field may not be blank.',
  notNull: 'This field may not be null.',
  notText: 'Not a valid string.',
  /** class-validator fills `$constraint1` with the limit. */
  tooLong: 'Ensure this field has no more than $constraint1 characters.',
  badEmail: 'Enter a valid email address.',
  unknownField: 'This field is not allowed.',
  nullCharacter: 'Null characters are not allowed.',
  surrogate: (codePoint: number) => `Surrogate characters are not allowed: U+${codePoint.toString(16).toUpperCase()}.`,
  notInteger: 'A valid integer is required.',
  notBoolean: 'Must be a valid boolean.',
  tooManyTerms: (maximum: number) => `Ensure this field has no more than ${maximum} terms.`,
  /** DRF's ChoiceField; `input` as the client sent it. */
  invalidChoice: (input: string) => `"${input}" is not a valid choice.`,
  atLeast: (minimum: number) => `Ensure this value is greater than or equal to ${minimum}.`,
  atMost: (maximum: number) => `Ensure this value is less than or equal to ${maximum}.`,
  badUsername: 'Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.',
  usernameTaken: 'A user with that username already exists.',
  leadEmailTaken: 'lead with this email already exists.',
  passwordTooShort: 'This password is too short. It must contain at least 8 characters.',
  passwordNumeric: 'This password is entirely numeric.',
  passwordLikeUsername: 'The password is too similar to the username.',
  oldPasswordWrong: 'Your old password was entered incorrectly. Please enter it again.',
  passwordWrong: 'Incorrect password.',
  resetLinkInvalid: 'This reset link is invalid or has expired.',
} as const;

/** 400, under `non_field_errors`. */
export const RequestMessages = {
  incorrectCredentials: 'Incorrect Credentials',
  notADictionary: (got: string) => `Invalid data. Expected a dictionary, but got ${got}.`,
  /** DRF's answer to a JSON `null` body. */
  noData: 'No data provided',
} as const;

/** `{"detail": "..."}` of a success. */
export const SuccessMessages = {
  /** 202 to every password-reset request, whoever the address belongs to. */
  resetRequested: 'If an account uses this address, a reset link is on its way.',
} as const;

/** `{"detail": "..."}`, by status. */
export const DetailMessages = {
  jsonParseError: (reason: string) => `JSON parse error - ${reason}`,
  notAuthenticated: 'Authentication credentials were not provided.',
  noCredentials: 'Invalid token header. No credentials provided.',
  tokenHasSpaces: 'Invalid token header. Token string should not contain spaces.',
  invalidToken: 'Invalid token.',
  tokenLimitReached: 'Maximum amount of tokens allowed per user exceeded.',
  notFound: 'Not found.',
  /** DRF's CursorPagination, for a cursor altered or made for another query. */
  invalidCursor: 'Invalid cursor',
  methodNotAllowed: (method: string) => `Method "${method}" not allowed.`,
  bodyTooLarge: 'Request body is larger than the 1 MiB limit.',
  headersTooLarge: 'Request line and headers are larger than the 16 KiB limit.',
  malformedRequest: 'Malformed HTTP request.',
  requestTimeout: 'The request took too long to arrive.',
  unsupportedMediaType: (type: string) => `Unsupported media type "${type}" in request.`,
  unsupportedEncoding: (reason: string) => `Unsupported media type: ${reason}.`,
  throttled: (seconds: number) => `Request was throttled. Expected available in ${seconds} seconds.`,
  internalError: 'Internal server error.',
  databaseDown: 'The database is not answering.',
  shuttingDown: 'The server is shutting down.',
  busy: (seconds: number) => `The server is busy. Try again in ${seconds} seconds.`,
} as const;

/** `{"detail": "..."}` about an imported CSV file: 400, except `fileTooLarge` (413). */
export const ImportMessages = {
  notUtf8: 'The file is not UTF-8 text.',
  needsNameAndEmail: 'The file needs a name column and an email column.',
  alreadyUndone: 'This import was already undone.',
  empty: 'The file is empty.',
  /** `limit` as people write sizes: `10 MiB`, `512 KiB`, `1000 bytes`. */
  tooLarge: (limit: string) => `The file is larger than the ${limit} limit.`,
  tooManyColumns: (row: number, maximum: number) => `Row ${row} has more than ${maximum} columns.`,
  rowTooLong: (row: number, maximum: number) => `Row ${row} is longer than ${maximum} characters.`,
  quoteNotClosed: (row: number) => `Row ${row}: a quoted field is not closed.`,
  unreadableRow: (row: number) => `Row ${row} is not valid CSV.`,
} as const;
