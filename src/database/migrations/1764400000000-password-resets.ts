import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** Password reset by email: the tokens (as SHA-256 digests), and the sends counted per address for its hourly limit. */
export class PasswordResets1764400000000 implements MigrationInterface {
  name = 'PasswordResets1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'password_reset_tokens',
        columns: [
          { name: 'digest', type: 'varchar', length: '64', isPrimary: true },
          { name: 'user_id', type: 'integer' },
          { name: 'created_at', type: 'varchar', length: '24' },
          { name: 'expires_at', type: 'varchar', length: '24' },
        ],
        indices: [
          { name: 'IDX_password_reset_tokens_user_id', columnNames: ['user_id'] },
          { name: 'IDX_password_reset_tokens_expires_at', columnNames: ['expires_at'] },
        ],
        foreignKeys: [{ columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'password_reset_emails',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'address_key', type: 'varchar', length: '300' },
          { name: 'sent_at', type: 'varchar', length: '24' },
        ],
        indices: [
          { name: 'IDX_password_reset_emails_address_key_sent_at', columnNames: ['address_key', 'sent_at'] },
          { name: 'IDX_password_reset_emails_sent_at', columnNames: ['sent_at'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('password_reset_emails');
    await queryRunner.dropTable('password_reset_tokens');
  }
}
