import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { leadKeys } from '../../leads/lead-keys.js';

const KEY_BATCH = 1000;

const ORDER_INDEXES: [string, string[]][] = [
  ['IDX_leads_owner_id_created_at_id', ['owner_id', 'created_at', 'id']],
  ['IDX_leads_owner_id_updated_at_id', ['owner_id', 'updated_at', 'id']],
  ['IDX_leads_owner_id_name_key_id', ['owner_id', 'name_key', 'id']],
  ['IDX_leads_owner_id_status_id', ['owner_id', 'status', 'id']],
  ['IDX_leads_owner_id_status_created_at_id', ['owner_id', 'status', 'created_at', 'id']],
  ['IDX_leads_owner_id_status_updated_at_id', ['owner_id', 'status', 'updated_at', 'id']],
  ['IDX_leads_owner_id_status_name_key_id', ['owner_id', 'status', 'name_key', 'id']],
];

/**
 * Leads to work: a status (existing leads become `new`), a source (`""`), an
 * update time (their creation time), notes and an activity history (each
 * existing lead gets its creation entry), indexes for every ordering and
 * filter, and a trigram search index over the folded text of each lead.
 *
 * The search index is the database's own: on SQLite an FTS5 table with the
 * trigram tokenizer over `leads.search` (external content, kept by
 * triggers); on PostgreSQL a GIN index of pg_trgm (with btree_gin, so that it
 * starts with the owner). A later migration that makes TypeORM rebuild the
 * `leads` table on SQLite drops the triggers with the old table, and must
 * create them again (`createSqliteSearch`).
 */
export class LeadWork1764300000000 implements MigrationInterface {
  name = 'LeadWork1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    await queryRunner.addColumns('leads', [
      new TableColumn({ name: 'status', type: 'varchar', length: '10', default: "'new'" }),
      new TableColumn({ name: 'source', type: 'varchar', length: '100', default: "''" }),
      new TableColumn({ name: 'updated_at', type: 'varchar', length: '24', isNullable: true }),
      new TableColumn({ name: 'name_key', type: 'varchar', length: '100', default: "''" }),
      new TableColumn({ name: 'search', type: 'text', default: "''" }),
    ]);
    await queryRunner.query('UPDATE "leads" SET "updated_at" = "created_at"');
    await queryRunner.changeColumn(
      'leads',
      'updated_at',
      new TableColumn({ name: 'updated_at', type: 'varchar', length: '24', isNullable: false }),
    );
    await fillKeys(queryRunner, postgres);
    for (const [name, columnNames] of ORDER_INDEXES) await queryRunner.createIndex('leads', new TableIndex({ name, columnNames }));

    await queryRunner.createTable(
      new Table({
        name: 'lead_notes',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'lead_id', type: 'integer' },
          { name: 'text', type: 'varchar', length: '2000' },
          { name: 'created_at', type: 'varchar', length: '24' },
        ],
        indices: [{ name: 'IDX_lead_notes_lead_id_id', columnNames: ['lead_id', 'id'] }],
        foreignKeys: [{ columnNames: ['lead_id'], referencedTableName: 'leads', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'lead_activity',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'lead_id', type: 'integer' },
          { name: 'type', type: 'varchar', length: '10' },
          { name: 'from_status', type: 'varchar', length: '10', isNullable: true },
          { name: 'to_status', type: 'varchar', length: '10', isNullable: true },
          { name: 'note_id', type: 'integer', isNullable: true },
          { name: 'created_at', type: 'varchar', length: '24' },
        ],
        indices: [
          { name: 'IDX_lead_activity_lead_id_created_at_id', columnNames: ['lead_id', 'created_at', 'id'] },
          { name: 'IDX_lead_activity_note_id', columnNames: ['note_id'] },
        ],
        foreignKeys: [
          { columnNames: ['lead_id'], referencedTableName: 'leads', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { columnNames: ['note_id'], referencedTableName: 'lead_notes', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );
    await queryRunner.query(
      `INSERT INTO "lead_activity" ("lead_id", "type", "created_at") SELECT "id", 'created', "created_at" FROM "leads" ORDER BY "id"`,
    );

    if (postgres) {
      await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
      await queryRunner.query('CREATE EXTENSION IF NOT EXISTS btree_gin');
      await queryRunner.query('CREATE INDEX "IDX_leads_search" ON "leads" USING gin ("owner_id", "search" gin_trgm_ops)');
    } else {
      await createSqliteSearch(queryRunner);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query('DROP INDEX "IDX_leads_search"');
    } else {
      for (const trigger of ['insert', 'delete', 'update']) await queryRunner.query(`DROP TRIGGER "leads_search_${trigger}"`);
      await queryRunner.query('DROP TABLE "leads_search"');
    }
    await queryRunner.dropTable('lead_activity');
    await queryRunner.dropTable('lead_notes');
    for (const [name] of ORDER_INDEXES) await queryRunner.dropIndex('leads', name);
    await queryRunner.dropColumns('leads', ['search', 'name_key', 'updated_at', 'source', 'status']);
  }
}

/** The FTS5 trigram table over `leads.search` and the triggers that keep it, filled from the existing rows. */
export async function createSqliteSearch(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(
    `CREATE VIRTUAL TABLE IF NOT EXISTS "leads_search" USING fts5("search", content='leads', content_rowid='id', tokenize='trigram')`,
  );
  await queryRunner.query(
    `CREATE TRIGGER IF NOT EXISTS "leads_search_insert" AFTER INSERT ON "leads" BEGIN
       INSERT INTO "leads_search" (rowid, "search") VALUES (new."id", new."search");
     END`,
  );
  await queryRunner.query(
    `CREATE TRIGGER IF NOT EXISTS "leads_search_delete" AFTER DELETE ON "leads" BEGIN
       INSERT INTO "leads_search" ("leads_search", rowid, "search") VALUES ('delete', old."id", old."search");
     END`,
  );
  await queryRunner.query(
    `CREATE TRIGGER IF NOT EXISTS "leads_search_update" AFTER UPDATE OF "search" ON "leads" BEGIN
       INSERT INTO "leads_search" ("leads_search", rowid, "search") VALUES ('delete', old."id", old."search");
       INSERT INTO "leads_search" (rowid, "search") VALUES (new."id", new."search");
     END`,
  );
  await queryRunner.query(`INSERT INTO "leads_search" ("leads_search") VALUES ('rebuild')`);
}

/** The folded name and search text of every existing lead, computed as the app computes them, a batch at a time. */
async function fillKeys(queryRunner: QueryRunner, postgres: boolean): Promise<void> {
  const [first, second, third] = postgres ? ['$1', '$2', '$3'] : ['?', '?', '?'];
  let after = 0;
  for (;;) {
    const rows = (await queryRunner.query(
      `SELECT "id", "name", "email", "message", "source" FROM "leads" WHERE "id" > ${first} ORDER BY "id" LIMIT ${KEY_BATCH}`,
      [after],
    )) as { id: number; name: string; email: string; message: string; source: string }[];
    for (const row of rows) {
      const keys = leadKeys(row);
      await queryRunner.query(`UPDATE "leads" SET "name_key" = ${first}, "search" = ${second} WHERE "id" = ${third}`, [
        keys.nameKey,
        keys.search,
        row.id,
      ]);
    }
    if (rows.length < KEY_BATCH) return;
    after = rows[rows.length - 1].id;
  }
}
