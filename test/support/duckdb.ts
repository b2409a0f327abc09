import { DuckDBInstance } from '@duckdb/node-api';

/** Runs SQL statements, one after another, in a fresh in-memory DuckDB; returns the last one's rows. */
export async function duckdb(...statements: string[]): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  try {
    let rows: Record<string, unknown>[] = [];
    for (const sql of statements) rows = (await connection.runAndReadAll(sql)).getRowObjectsJS();
    return rows;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** A path as a single-quoted SQL string literal. */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
