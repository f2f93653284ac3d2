import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One email as the peer received and parsed it. */
export interface ReceivedEmail {
  from: string;
  to: string;
  subject: string;
  text: string;
}

/**
 * A real SMTP server in the test's process (the smtp-server package),
 * receiving what the app's nodemailer sends, parsed with mailparser. It can
 * hold new connections before its greeting (a slow mail server) and refuse
 * the next ones with 421 (a busy one).
 */
export class SmtpPeer {
  readonly received: ReceivedEmail[] = [];
  private readonly waiters: Array<() => void> = [];
  private held: Array<() => void> | null = null;
  private heldWaiters: Array<() => void> = [];
  private refusals = 0;
  private constructor(
    private readonly server: SMTPServer,
    readonly url: string,
  ) {}

  static async start(): Promise<SmtpPeer> {
    // The server's handlers reach the peer, which needs the server's port: made once it listens.
    const self: { peer?: SmtpPeer } = {};
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onConnect: (_session, callback) => self.peer!.onConnect(callback),
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            self.peer!.receive({
              from: mail.from?.text ?? '',
              to: [mail.to ?? []]
                .flat()
                .map((address) => address.text)
                .join(', '),
              subject: mail.subject ?? '',
              text: mail.text ?? '',
            });
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    self.peer = new SmtpPeer(server, `smtp://127.0.0.1:${port}`);
    return self.peer;
  }

  /** An smtp:// URL where nothing listens: a mail server that is down. */
  static async deadUrl(): Promise<string> {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    return `smtp://127.0.0.1:${port}`;
  }

  /** The emails received so far for `to`. */
  to(address: string): ReceivedEmail[] {
    return this.received.filter((email) => email.to === address);
  }

  /** Resolves once `count` emails for `to` have arrived (the test's timeout bounds the wait). */
  async waitFor(to: string, count = 1): Promise<ReceivedEmail[]> {
    while (this.to(to).length < count) await new Promise<void>((resolve) => this.waiters.push(resolve));
    return this.to(to);
  }

  /** From now on, new connections wait before the greeting until the returned function is called. */
  hold(): () => void {
    this.held = [];
    return () => {
      const held = this.held ?? [];
      this.held = null;
      for (const greet of held) greet();
    };
  }

  /** Resolves once a connection is waiting at the hold. */
  async holding(): Promise<void> {
    while ((this.held?.length ?? 0) === 0) await new Promise<void>((resolve) => this.heldWaiters.push(resolve));
  }

  /** The next `count` connections are refused with 421, as a busy server does. */
  refuseNext(count: number): void {
    this.refusals = count;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private onConnect(callback: (error?: Error | null) => void): void {
    if (this.refusals > 0) {
      this.refusals--;
      return callback(Object.assign(new Error('Too busy, try again later'), { responseCode: 421 }));
    }
    if (!this.held) return callback();
    this.held.push(() => callback());
    for (const wake of this.heldWaiters.splice(0)) wake();
  }

  private receive(email: ReceivedEmail): void {
    this.received.push(email);
    for (const wake of this.waiters.splice(0)) wake();
  }
}
