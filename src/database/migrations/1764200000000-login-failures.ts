import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** Failed logins per case-folded username, for the per-account lock (LOGIN_FAILURES_PER_ACCOUNT). */
export class LoginFailures1764200000000 implements MigrationInterface {
  name = 'LoginFailures1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'login_failures',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'username_key', type: 'varchar', length: '300' },
          { name: 'failed_at', type: 'varchar', length: '24' },
        ],
        indices: [
          { name: 'IDX_login_failures_username_key_failed_at', columnNames: ['username_key', 'failed_at'] },
          { name: 'IDX_login_failures_failed_at', columnNames: ['failed_at'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('login_failures');
  }
}
