import fc from 'fast-check';
import { Readable } from 'node:stream';
import { ApiException } from '../../common/errors/api.exception.js';
import { describeBytes, readTextFile } from './text-file.js';

async function refusal(source: Readable | Buffer[], maxBytes = 1000): Promise<{ status: number; msg: unknown }> {
  try {
    await readTextFile(Array.isArray(source) ? Readable.from(source) : source, maxBytes);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiException);
    return { status: (error as ApiException).getStatus(), msg: (error as ApiException).msg };
  }
  throw new Error('the file was read');
}

const NOT_UTF8 = { status: 400, msg: { detail: 'The file is not UTF-8 text.' } };

describe('readTextFile', () => {
  it('answers the chunks of a UTF-8 file, a character cut between two chunks included', async () => {
    const bytes = Buffer.from('name,email\nÉlodie 😀,e@x.io\n', 'utf8');
    const chunks = [...bytes].map((byte) => Buffer.from([byte]));
    expect(Buffer.concat(await readTextFile(Readable.from(chunks), 1000))).toEqual(bytes);
  });

  it('refuses text in another encoding, and binary data', async () => {
    expect(await refusal([Buffer.from('name,email\nÉlodie,e@x.io\n', 'latin1')])).toEqual(NOT_UTF8);
    expect(await refusal([Buffer.from('\ufeffname,email\n', 'utf16le')])).toEqual(NOT_UTF8);
    expect(await refusal([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])])).toEqual(NOT_UTF8);
    expect(await refusal([Buffer.from('name\0,email\n')])).toEqual(NOT_UTF8);
    // A character whose last byte never comes.
    expect(await refusal([Buffer.from('name,email\n'), Buffer.from([0xe2, 0x82])])).toEqual(NOT_UTF8);
  });

  it('refuses an empty file and one that is only a byte-order mark', async () => {
    const empty = { status: 400, msg: { detail: 'The file is empty.' } };
    expect(await refusal([])).toEqual(empty);
    expect(await refusal([Buffer.from([0xef, 0xbb]), Buffer.from([0xbf])])).toEqual(empty);
  });

  it('refuses a file over the limit with 413 and stops reading it', async () => {
    let served = 0;
    const endless = new Readable({
      read() {
        served += 1;
        this.push(Buffer.alloc(100, 'a'));
      },
    });
    expect(await refusal(endless, 1000)).toEqual({ status: 413, msg: { detail: 'The file is larger than the 1000 bytes limit.' } });
    expect(served).toBeLessThan(30);
    expect(endless.destroyed).toBe(false);
  });

  it('reads a file of exactly the limit', async () => {
    expect(await readTextFile(Readable.from([Buffer.alloc(1000, 'a')]), 1000)).toHaveLength(1);
  });

  it('answers any bytes with the file or a 400, never another error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 20 }), { maxLength: 5 }), async (arrays) => {
        const chunks = arrays.map((array) => Buffer.from(array));
        try {
          expect(Buffer.concat(await readTextFile(Readable.from(chunks), 1000))).toEqual(Buffer.concat(chunks));
        } catch (error) {
          expect(error).toBeInstanceOf(ApiException);
          expect((error as ApiException).getStatus()).toBe(400);
        }
      }),
    );
  });
});

describe('describeBytes', () => {
  it.each([
    [10485760, '10 MiB'],
    [512 * 1024, '512 KiB'],
    [1000, '1000 bytes'],
  ])('writes %d as %j', (bytes, text) => {
    expect(describeBytes(bytes)).toBe(text);
  });
});
