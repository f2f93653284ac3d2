import { readErrorBody } from './errors';

describe('readErrorBody', () => {
  it('reads the envelope, whatever the HTTP status says', () => {
    expect(readErrorBody(400, { msg: { email: ['Enter a valid email address.'] }, status: 400 })).toEqual({
      email: ['Enter a valid email address.'],
    });
  });

  it('reads a bare DRF body (ERROR_FORMAT=drf) as the messages themselves', () => {
    expect(readErrorBody(404, { detail: 'Not found.' })).toEqual({ detail: 'Not found.' });
    expect(readErrorBody(400, { non_field_errors: ['Unable to log in with provided credentials.'] })).toEqual({
      non_field_errors: ['Unable to log in with provided credentials.'],
    });
  });

  it('turns a bare list into non_field_errors', () => {
    expect(readErrorBody(400, ['Nope.'])).toEqual({ non_field_errors: ['Nope.'] });
  });

  it('does not show an HTML error page from a proxy, but says what happened', () => {
    expect(readErrorBody(502, '<html><body>Bad gateway</body></html>')).toEqual({
      detail: 'The server answered with an unexpected error (HTTP 502).',
    });
    expect(readErrorBody(500, undefined)).toEqual({ detail: 'The server answered with an unexpected error (HTTP 500).' });
  });
});
