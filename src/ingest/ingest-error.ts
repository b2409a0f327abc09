/** Input that cannot be analysed at all (empty, binary, no result-code column). The message is for the user. */
export class IngestError extends Error {
  readonly file: string;
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'IngestError';
    this.file = file;
  }
}
