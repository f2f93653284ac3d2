import { ConfigService } from '@nestjs/config';
import { Outbox } from './outbox.js';

/** A job that ends when the test says so. */
function heldJob(): { work: () => Promise<void>; finish: () => void; started: () => boolean } {
  let finish = () => undefined as void;
  let started = false;
  const ended = new Promise<void>((resolve) => (finish = resolve));
  return {
    work: () => {
      started = true;
      return ended;
    },
    finish: () => finish(),
    started: () => started,
  };
}

describe('Outbox', () => {
  const outbox = () => new Outbox(new ConfigService({ shutdownTimeoutMs: 10_000 }) as never);

  it('starts a job only after the code that queued it has run to its end', async () => {
    const box = outbox();
    const job = heldJob();
    box.later(job.work);
    expect(job.started()).toBe(false);
    await new Promise((resolve) => setImmediate(resolve));
    expect(job.started()).toBe(true);
    job.finish();
    await expect(box.drain()).resolves.toBe(true);
  });

  it('drains once every job has ended, including jobs queued while draining', async () => {
    const box = outbox();
    const first = heldJob();
    const second = heldJob();
    box.later(async () => {
      await first.work();
      box.later(second.work);
    });
    let drained = false;
    const draining = box.drain().then((all) => (drained = all));
    first.finish();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(drained).toBe(false);
    expect(box.pending).toBe(1);
    second.finish();
    await draining;
    expect(drained).toBe(true);
    expect(box.pending).toBe(0);
  });

  it('gives up waiting after the timeout, answering false', async () => {
    const box = outbox();
    const job = heldJob();
    box.later(job.work);
    await expect(box.drain(20)).resolves.toBe(false);
    job.finish();
  });

  it('keeps going when a job fails', async () => {
    const box = outbox();
    box.later(() => Promise.reject(new Error('no route to the mail server')));
    await expect(box.drain()).resolves.toBe(true);
  });
});
