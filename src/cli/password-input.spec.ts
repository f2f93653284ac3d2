import { jest } from '@jest/globals';
import { PassThrough } from 'node:stream';
import { CliError } from './cli-error.js';
import { readPassword } from './password-input.js';

/** A stream that says it is a terminal, recording raw-mode switches. */
function fakeTerminal() {
  const input = new PassThrough() as PassThrough & { isTTY: boolean; setRawMode: (on: boolean) => void };
  input.isTTY = true;
  const rawMode = jest.fn<(on: boolean) => void>();
  input.setRawMode = rawMode;
  const prompt = new PassThrough();
  let shown = '';
  prompt.on('data', (chunk) => (shown += chunk));
  return { input, rawMode, prompt, shown: () => shown };
}

describe('readPassword', () => {
  it('reads the first line of a piped standard input, without its line ending', async () => {
    const input = new PassThrough();
    input.end('correct horse\r\nsecond line\n');
    await expect(readPassword(input as never)).resolves.toBe('correct horse');
  });

  it('takes a last line without a newline, and refuses an empty input', async () => {
    const last = new PassThrough();
    last.end('no newline');
    await expect(readPassword(last as never)).resolves.toBe('no newline');
    const empty = new PassThrough();
    empty.end();
    await expect(readPassword(empty as never)).rejects.toThrow(CliError);
  });

  it('asks twice at a terminal, in raw mode, echoing nothing of what is typed', async () => {
    const terminal = fakeTerminal();
    const answer = readPassword(terminal.input as never, terminal.prompt);
    terminal.input.write('s3cret-');
    terminal.input.write('pass\r');
    terminal.input.write('s3cret-pass\r');

    await expect(answer).resolves.toBe('s3cret-pass');
    expect(terminal.shown()).toBe('Password: \nPassword (again): \n');
    expect(terminal.rawMode.mock.calls).toEqual([[true], [false]]);
  });

  it('keeps a second answer typed ahead in the same chunk, and honours backspace', async () => {
    const terminal = fakeTerminal();
    const answer = readPassword(terminal.input as never, terminal.prompt);
    terminal.input.write('secreX\u007ft\rsecret\r');
    await expect(answer).resolves.toBe('secret');
  });

  it('refuses two different answers, and gives up on Ctrl-C', async () => {
    const differ = fakeTerminal();
    const refused = readPassword(differ.input as never, differ.prompt);
    differ.input.write('one-password\rtwo-password\r');
    await expect(refused).rejects.toThrow('The two passwords differ.');

    const cancelled = fakeTerminal();
    const gaveUp = readPassword(cancelled.input as never, cancelled.prompt);
    cancelled.input.write('half\u0003');
    await expect(gaveUp).rejects.toThrow('Cancelled.');
    expect(cancelled.rawMode).toHaveBeenLastCalledWith(false);
  });
});
