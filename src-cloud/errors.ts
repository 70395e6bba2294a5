/** A refusal the HTTP layer turns into `{error: {code, message}}` with its status. */
export class CloudError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
