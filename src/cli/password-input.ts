import { CliError } from './cli-error.js';

/**
 * A password for the CLI, never from its arguments: the first line of
 * standard input when that is not a terminal (scripts, pipes), otherwise
 * typed twice at the terminal without echo.
 */
export async function readPassword(
  input: NodeJS.ReadStream = process.stdin,
  prompt: NodeJS.WritableStream = process.stderr,
): Promise<string> {
  if (!input.isTTY) return firstLine(input);
  const [password, again] = await askHidden(input, prompt, ['Password: ', 'Password (again): ']);
  if (password !== again) throw new CliError('The two passwords differ.');
  return password;
}

async function firstLine(input: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  const newline = text.indexOf('\n');
  if (text === '') throw new CliError('No password on standard input: give it as one line.');
  return (newline < 0 ? text : text.slice(0, newline)).replace(/\r$/, '');
}

/**
 * Asks each question in turn and reads one line for each in raw mode, echoing
 * nothing. One listener reads every answer, so keys typed (or pasted) ahead of
 * the next question are kept for it. Ctrl-C and Ctrl-D give up.
 */
function askHidden(input: NodeJS.ReadStream, prompt: NodeJS.WritableStream, questions: string[]): Promise<string[]> {
  const answers: string[] = [];
  let typed = '';
  input.setRawMode(true);
  input.setEncoding('utf8');
  prompt.write(questions[0]);
  return new Promise((resolve, reject) => {
    const finish = (error?: Error) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      if (error) {
        prompt.write('\n');
        reject(error);
      } else resolve(answers);
    };
    const onData = (chunk: string) => {
      for (const character of chunk) {
        if (character === '\r' || character === '\n') {
          answers.push(typed);
          typed = '';
          prompt.write('\n');
          if (answers.length === questions.length) return finish();
          prompt.write(questions[answers.length]);
        } else if (character === '\u0003' || character === '\u0004') {
          return finish(new CliError('Cancelled.'));
        } else if (character === '\u007f' || character === '\b') {
          typed = Array.from(typed).slice(0, -1).join('');
        } else {
          typed += character;
        }
      }
    };
    input.on('data', onData);
    input.resume();
  });
}
