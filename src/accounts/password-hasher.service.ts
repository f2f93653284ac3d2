import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import bcrypt from 'bcrypt';
import { createHash, randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import pLimit from 'p-limit';
import type { Settings } from '../config/settings.js';

/**
 * bcrypt over the SHA-256 hex digest of the password, as Django's
 * BCryptSHA256PasswordHasher does: bcrypt reads only 72 bytes, so without the
 * pre-hash two long passwords sharing a prefix would be the same password.
 * Uses bcrypt's async API so hashing never blocks the event loop. bcrypt runs
 * on libuv's pool (4 threads); on machines with 4 cores or fewer that would
 * let a burst of logins take every core from the event loop, so at most
 * (cores - 1) hashes run at once, and at least one.
 */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  private readonly rounds: number;
  private readonly slot = pLimit(Math.max(1, availableParallelism() - 1));
  /** Checked against when the user does not exist, so both cases cost the same. */
  private decoyHash = '';

  constructor(config: ConfigService<Settings, true>) {
    this.rounds = config.get('bcryptRounds', { infer: true });
  }

  async onModuleInit(): Promise<void> {
    this.decoyHash = await this.hash(randomBytes(16).toString('hex'));
  }

  hash(password: string): Promise<string> {
    return this.slot(() => bcrypt.hash(prehash(password), this.rounds));
  }

  /** Compares in constant time; with no hash, burns the same time and fails. */
  async verify(password: string, hash: string | undefined): Promise<boolean> {
    const matches = await this.slot(() => bcrypt.compare(prehash(password), hash ?? this.decoyHash));
    return hash !== undefined && matches;
  }
}

function prehash(password: string): string {
  return createHash('sha256').update(password, 'utf8').digest('hex');
}
