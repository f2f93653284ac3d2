export const SCHEMA_FILE: string;
export function apiTypesFrom(document: unknown): Promise<string>;
