/** One result shape for errors across the boundary: a code to act on, words to read, the field at fault. */
/**
 * `timeout`: the call ran past its deadline and is finishing in the background (ask again shortly);
 * `unavailable`: the part of the core that serves it is restarting (ask again);
 * `cannot_open`: the core could not open the workspace (a full disk, a file it cannot read); the words
 * say why and what to do, and nothing answers until OrderHub is started again.
 */
export const ERROR_CODES = ['invalid_input', 'unauthenticated', 'forbidden', 'not_found', 'conflict', 'internal', 'timeout', 'unavailable', 'cannot_open'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  field?: string;
}

export type ApiResult<T> = { data: T } | { error: ApiErrorBody };

export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  internal: 500,
  timeout: 504,
  unavailable: 503,
  cannot_open: 503,
};

/** Thrown by handlers; the dispatcher turns it into `{error}`. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  toBody(): ApiErrorBody {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

/**
 * An error a person reads, raised where no caller's language is known (opening the workspace): it
 * keeps both, and its message has both, for logs and Electron's error box.
 */
export class BilingualError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
  }
}
