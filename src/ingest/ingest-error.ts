/** Input that cannot be analysed at all (empty, binary, no result-code column). The message is for the user. */
export class IngestError extends Error {
  readonly file: string;
  /**
   * The file's column names when it was refused for want of a column the user can name (no result-code
   * column): the page then offers the column mapping for it. Null for every other refusal.
   */
  readonly columns: readonly string[] | null;
  constructor(file: string, message: string, columns: readonly string[] | null = null) {
    super(`${file}: ${message}`);
    this.name = 'IngestError';
    this.file = file;
    this.columns = columns;
  }
}
