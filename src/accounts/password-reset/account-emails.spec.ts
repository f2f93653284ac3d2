import { jest } from '@jest/globals';
import { ConfigService } from '@nestjs/config';
import { loadSettings, type Settings } from '../../config/settings.js';
import type { Email } from '../../mail/email.js';
import type { Mailer } from '../../mail/mailer.service.js';
import { AccountEmails, duration } from './account-emails.js';

describe('duration', () => {
  it.each([
    [3600, '1 hour'],
    [7200, '2 hours'],
    [5400, '90 minutes'],
    [60, '1 minute'],
    [45, '45 seconds'],
    [1, '1 second'],
  ])('states %i seconds as %j', (seconds, words) => {
    expect(duration(seconds)).toBe(words);
  });
});

describe('AccountEmails', () => {
  const sent: Email[] = [];
  const mailer = { send: jest.fn((email: Email) => void sent.push(email)) } as unknown as Mailer;
  const emails = (env: Record<string, string>) => new AccountEmails(new ConfigService<Settings, true>(loadSettings(env)), mailer);

  beforeEach(() => (sent.length = 0));

  it('links to the confirm page under PUBLIC_URL, the token in the fragment', () => {
    expect(emails({ PUBLIC_URL: 'https://leads.example.com/' }).resetLink('ab12')).toBe(
      'https://leads.example.com/password-reset/confirm#token=ab12',
    );
  });

  it('falls back to the listening address without PUBLIC_URL', () => {
    expect(emails({ HOST: '::1', PORT: '9000' }).resetLink('ab12')).toBe('http://[::1]:9000/password-reset/confirm#token=ab12');
  });

  it('writes the reset email in plain text naming the user, with the link and how long it works', () => {
    const email = emails({ PASSWORD_RESET_TTL: '1800' }).resetEmail({ username: 'alice', email: 'alice@example.com' }, 'ab12');
    expect(email).toMatchObject({ kind: 'password_reset', to: 'alice@example.com', subject: 'Reset your Lead Manager password' });
    expect(email.text).toContain('"alice"');
    expect(email.text).toContain('\nhttp://127.0.0.1:8000/password-reset/confirm#token=ab12\n');
    expect(email.text).toContain('for 30 minutes');
  });

  it('sends the notice to the user’s address, and nothing to a user without one', () => {
    const accountEmails = emails({});
    accountEmails.sendPasswordChanged({ username: 'bob', email: '' });
    accountEmails.sendPasswordChanged({ username: 'alice', email: 'alice@example.com' });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ kind: 'password_changed', to: 'alice@example.com', subject: 'Your Lead Manager password was changed' });
    expect(sent[0].text).toContain('"alice"');
  });
});
