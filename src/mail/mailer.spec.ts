import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { loadSettings, type Settings } from '../config/settings.js';
import { Metrics } from '../metrics/metrics.service.js';
import { Mailer } from './mailer.service.js';
import { Outbox } from './outbox.js';

describe('Mailer with EMAIL_URL=console', () => {
  const config = new ConfigService<Settings, true>(loadSettings({ EMAIL_FROM: 'Leads <leads@example.com>' }));
  const metrics = new Metrics(config);
  const mailer = new Mailer(config, metrics, new Outbox(config));

  afterEach(() => jest.restoreAllMocks());
  afterAll(() => mailer.onApplicationShutdown());

  it('writes each email to the log as one line at info level, and counts it sent', async () => {
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const text = 'Hello alice,\n\nOpen this link:\n\nhttp://127.0.0.1:8000/password-reset/confirm#token=abc\n\nThanks.\n';

    await expect(mailer.deliver({ kind: 'password_reset', to: 'alice@example.com', subject: 'Reset it', text })).resolves.toBe(true);

    expect(log).toHaveBeenCalledTimes(1);
    const line = String(log.mock.calls[0][0]);
    expect(line).not.toMatch(/[\r\n]/);
    expect(line).toBe(
      'Email to alice@example.com from Leads <leads@example.com>: "Reset it" Hello alice, Open this link: http://127.0.0.1:8000/password-reset/confirm#token=abc Thanks.',
    );
    const counted = (await metrics.registry.getSingleMetric('lead_manager_emails_total')!.get()).values;
    expect(counted).toContainEqual(expect.objectContaining({ labels: { kind: 'password_reset', result: 'sent' }, value: 1 }));
    expect(counted).toContainEqual(expect.objectContaining({ labels: { kind: 'password_changed', result: 'failed' }, value: 0 }));
  });
});
