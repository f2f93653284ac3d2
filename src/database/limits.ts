/** Largest value of an `integer` column on PostgreSQL; ids beyond it cannot exist. */
export const MAX_INTEGER_ID = 2_147_483_647;
