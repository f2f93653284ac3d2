import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * Imports of CSV files, and for each the leads it wrote with what an undo
 * needs. Both go with their owner; an imported lead's entry goes with the lead.
 */
export class LeadImports1764500000000 implements MigrationInterface {
  name = 'LeadImports1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'imports',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'owner_id', type: 'integer' },
          { name: 'created_at', type: 'varchar', length: '24' },
          { name: 'mode', type: 'varchar', length: '10' },
          { name: 'created', type: 'integer', default: 0 },
          { name: 'updated', type: 'integer', default: 0 },
          { name: 'undone_at', type: 'varchar', length: '24', isNullable: true },
        ],
        indices: [{ name: 'IDX_imports_owner_id_id', columnNames: ['owner_id', 'id'] }],
        foreignKeys: [{ columnNames: ['owner_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'imported_leads',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'import_id', type: 'integer' },
          { name: 'lead_id', type: 'integer' },
          { name: 'action', type: 'varchar', length: '10' },
          { name: 'previous', type: 'text', isNullable: true },
        ],
        indices: [
          { name: 'IDX_imported_leads_import_id_id', columnNames: ['import_id', 'id'] },
          { name: 'IDX_imported_leads_lead_id', columnNames: ['lead_id'] },
        ],
        foreignKeys: [
          { columnNames: ['import_id'], referencedTableName: 'imports', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { columnNames: ['lead_id'], referencedTableName: 'leads', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('imported_leads');
    await queryRunner.dropTable('imports');
  }
}
