import fc from 'fast-check';
import { ApiException } from '../../common/errors/api.exception.js';
import { CSV_LIMITS, type CsvRecord, detectDelimiter, readCsv } from './csv-reader.js';
import { csvPage } from './csv-writer.js';
import { unguardFormula } from './formula-guard.js';

const file = (text: string, chunkSize = text.length || 1): Buffer[] => {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += chunkSize) chunks.push(bytes.subarray(start, start + chunkSize));
  return chunks;
};

async function records(chunks: Buffer[]): Promise<CsvRecord[]> {
  const all: CsvRecord[] = [];
  for await (const record of readCsv(chunks)) all.push(record);
  return all;
}

/** The `{detail}` of the 400 (or other ApiException) reading `text` answers. */
async function refusal(chunks: Buffer[]): Promise<{ status: number; msg: unknown }> {
  try {
    await records(chunks);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiException);
    return { status: (error as ApiException).getStatus(), msg: (error as ApiException).msg };
  }
  throw new Error('the file was read');
}

/** What csvPage writes for `rows` under `columns`, as a file. */
const written = (columns: string[], rows: unknown[][]): Buffer => Buffer.from(csvPage(columns, rows, true), 'utf8');

describe('detectDelimiter', () => {
  it.each([
    ['name,email', ','],
    ['name;email;message', ';'],
    ['name\temail', '\t'],
    ['"last, first";email;source', ';'],
    ['name', ','],
    ['name,email;x', ','],
    ['name;email\nJane,jane@example.com,x,y', ';'],
  ])('reads %j as delimited by %j', (line, delimiter) => {
    expect(detectDelimiter(line)).toBe(delimiter);
  });
});

describe('readCsv', () => {
  it('numbers rows as a spreadsheet shows them: the header is row 1, a quoted line break starts no row, a blank line is a row', async () => {
    const text = 'name,message\r\nAda,"two\r\nlines"\r\n\r\nGrace,x\r\n';
    expect(await records(file(text))).toEqual([
      { row: 1, fields: ['name', 'message'] },
      { row: 2, fields: ['Ada', 'two\r\nlines'] },
      { row: 3, fields: [''] },
      { row: 4, fields: ['Grace', 'x'] },
    ]);
  });

  it('skips a byte-order mark and reads semicolons and tabs when the first row uses them', async () => {
    expect(await records(file('\ufeffname;email\nAda;ada@example.com'))).toEqual([
      { row: 1, fields: ['name', 'email'] },
      { row: 2, fields: ['Ada', 'ada@example.com'] },
    ]);
    expect((await records(file('name\temail\nAda, Countess\tada@example.com')))[1].fields).toEqual(['Ada, Countess', 'ada@example.com']);
  });

  it('reads doubled quotes, LF and CR line ends, and rows shorter or longer than the header', async () => {
    expect(await records(file('a,b\n"say ""hi""",2\r3\r4,5,6'))).toEqual([
      { row: 1, fields: ['a', 'b'] },
      { row: 2, fields: ['say "hi"', '2\r3\r4', '5', '6'] },
    ]);
    expect((await records(file('a,b,c\nx\n')))[1].fields).toEqual(['x']);
  });

  it('keeps a stray quote inside an unquoted field as text', async () => {
    expect((await records(file('a,b\n5\'11",x\n')))[1].fields).toEqual(['5\'11"', 'x']);
  });

  it('reads the same records however the bytes are cut, even inside a character', async () => {
    const text = 'name,email\nÉlodie 😀,"a,b"\n"x\ny",z\n';
    const whole = await records(file(text));
    for (const size of [1, 2, 3, 5]) expect(await records(file(text, size))).toEqual(whole);
  });

  it('refuses a quote left open at the end, naming the row where it opened', async () => {
    expect(await refusal(file('name,email\nAda,ada@example.com\n"Grace,grace@example.com\n'))).toEqual({
      status: 400,
      msg: { detail: 'Row 3: a quoted field is not closed.' },
    });
  });

  it('refuses a row longer than the limit, naming it', async () => {
    const huge = 'x'.repeat(CSV_LIMITS.rowCharacters + 1);
    expect(await refusal(file(`name,email\nAda,a@x.io\n${huge},b@x.io\n`, 65536))).toEqual({
      status: 400,
      msg: { detail: `Row 3 is longer than ${CSV_LIMITS.rowCharacters} characters.` },
    });
    expect((await refusal(file(`name,email\n"${huge}",b@x.io\n`))).msg).toEqual({
      detail: `Row 2 is longer than ${CSV_LIMITS.rowCharacters} characters.`,
    });
  });

  it('refuses a header of more columns than the limit', async () => {
    expect(await refusal(file(`${Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(',')}\n`))).toEqual({
      status: 400,
      msg: { detail: `Row 1 has more than ${CSV_LIMITS.columns} columns.` },
    });
  });

  it('reads back every value the writer writes, guarded against formulas, under any delimiter it detects', async () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'é', '😀', ',', ';', '\t', '"', "'", '\r', '\n', '=', '-', '+', '@', ' ') });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(text, text, fc.integer({ min: 1, max: 1e6 })), { maxLength: 20 }), async (rows) => {
        const bytes = written(['name', 'message', 'id'], rows);
        const read = await records([bytes]);
        expect(read[0].fields).toEqual(['name', 'message', 'id']);
        const expected = rows.map(([name, message, id]) => [name, message, String(id)]);
        expect(read.slice(1).map(({ fields }) => fields.map(unguardFormula))).toEqual(expected);
        expect(read.map(({ row }) => row)).toEqual(read.map((_, index) => index + 1));
      }),
      { numRuns: 200 },
    );
  });

  it('answers any text with records or a 400, never another error', async () => {
    const unit = fc.constantFrom('a', ',', ';', '\t', '"', '\r', '\n', ' ', 'é');
    await fc.assert(
      fc.asyncProperty(fc.string({ unit, maxLength: 60 }), fc.integer({ min: 1, max: 8 }), async (text, chunkSize) => {
        try {
          const read = await records(file(`${text}x`, chunkSize));
          expect(read.length).toBeGreaterThan(0);
        } catch (error) {
          expect(error).toBeInstanceOf(ApiException);
          expect((error as ApiException).getStatus()).toBe(400);
        }
      }),
      { numRuns: 300 },
    );
  });
});
