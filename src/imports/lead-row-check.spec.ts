import fc from 'fast-check';
import { ApiException } from '../common/errors/api.exception.js';
import { ApiValidationPipe } from '../common/validation/api-validation.pipe.js';
import { CreateLeadDto } from '../leads/dto/create-lead.dto.js';
import { UpdateLeadDto } from '../leads/dto/update-lead.dto.js';
import { checkLeadRow } from './lead-row-check.js';

const pipe = new ApiValidationPipe();

/** What the lead routes answer for `body`: the fields they would store, or their field errors. */
async function throughTheDtos(kind: 'create' | 'update', body: Record<string, string>) {
  try {
    const dto = (await pipe.transform(body, { type: 'body', metatype: kind === 'create' ? CreateLeadDto : UpdateLeadDto })) as object;
    return { fields: { ...dto } };
  } catch (error) {
    if (error instanceof ApiException) return { errors: error.msg };
    throw error;
  }
}

/**
 * Text near every rule's edge: blank, spaces, the length limits (counted in
 * characters: emoji and variation selectors), emails good and bad, NUL. Text
 * decoded from UTF-8 never holds a lone surrogate, so none is generated.
 */
const text = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '  \t',
    'Ada',
    ' Ada ',
    'new',
    'won',
    'Won',
    ' lost',
    'hot',
    'a@b.co',
    ' a@b.co ',
    'a@b',
    'a b@c.io',
    'x\0y',
    '😀',
  ),
  fc
    .constantFrom(99, 100, 101, 499, 500, 501)
    .chain((length) => fc.constantFrom('x', '😀', '❤️', 'é').map((unit) => Array.from(unit.repeat(length)).slice(0, length).join(''))),
  fc.constantFrom(95, 100, 101).map((length) => `${'a'.repeat(length - 12)}@example.com`),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);

const body = fc.record({ name: text, email: text, message: text, status: text, source: text }, { requiredKeys: [] }) as fc.Arbitrary<
  Record<string, string>
>;

describe('checkLeadRow', () => {
  it.each(['create', 'update'] as const)('answers what the lead DTOs answer for any row of text (%s)', async (kind) => {
    await fc.assert(
      fc.asyncProperty(body, async (row) => {
        const body = kind === 'update' ? { ...row, email: undefined } : row;
        const sent = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)) as Record<string, string>;
        expect(checkLeadRow(kind, sent)).toEqual(await throughTheDtos(kind, sent));
      }),
      { numRuns: 500 },
    );
  });

  it('gives the messages of the API', () => {
    expect(checkLeadRow('create', { name: ' ', email: 'x', status: 'hot' })).toEqual({
      errors: { name: ['This field may not be blank.'], email: ['Enter a valid email address.'], status: ['"hot" is not a valid choice.'] },
    });
    expect(checkLeadRow('create', { email: 'a@b.co' })).toEqual({ errors: { name: ['This field is required.'] } });
    expect(checkLeadRow('update', { message: ' Called ' })).toEqual({ fields: { message: 'Called' } });
  });
});
