import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * Users, knox tokens and leads. Written with TypeORM's schema API rather than
 * raw SQL so the same migration runs on SQLite and PostgreSQL.
 */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'username', type: 'varchar', length: '150' },
          { name: 'username_key', type: 'varchar', length: '300' },
          { name: 'email', type: 'varchar', length: '254', default: "''" },
          { name: 'password', type: 'varchar', length: '128' },
          { name: 'is_active', type: 'boolean' },
          { name: 'date_joined', type: 'varchar', length: '24' },
        ],
        indices: [{ name: 'UQ_users_username_key', columnNames: ['username_key'], isUnique: true }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'auth_tokens',
        columns: [
          { name: 'digest', type: 'varchar', length: '128', isPrimary: true },
          { name: 'token_key', type: 'varchar', length: '15' },
          { name: 'user_id', type: 'integer' },
          { name: 'created', type: 'varchar', length: '24' },
          { name: 'expiry', type: 'varchar', length: '24', isNullable: true },
        ],
        indices: [
          { name: 'IDX_auth_tokens_token_key', columnNames: ['token_key'] },
          { name: 'IDX_auth_tokens_user_id', columnNames: ['user_id'] },
          { name: 'IDX_auth_tokens_expiry', columnNames: ['expiry'] },
        ],
        foreignKeys: [{ columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'leads',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'email', type: 'varchar', length: '100' },
          { name: 'message', type: 'varchar', length: '500', default: "''" },
          { name: 'owner_id', type: 'integer' },
          { name: 'created_at', type: 'varchar', length: '24' },
        ],
        indices: [
          { name: 'UQ_leads_owner_id_email', columnNames: ['owner_id', 'email'], isUnique: true },
          { name: 'IDX_leads_owner_id_id', columnNames: ['owner_id', 'id'] },
        ],
        foreignKeys: [{ columnNames: ['owner_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('leads');
    await queryRunner.dropTable('auth_tokens');
    await queryRunner.dropTable('users');
  }
}
