/** The platform's error envelope as a typed error, with the request id to quote to support. */

export interface FieldProblem {
  loc: string;
  message: string;
  type: string;
}

interface Envelope {
  error?: { code?: string; message?: string; details?: FieldProblem[]; request_id?: string | null };
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: FieldProblem[];
  readonly requestId: string | null;
  readonly retryAfterS: number | null;

  constructor(status: number, body: unknown, response?: Response) {
    const error = (body as Envelope | null)?.error;
    super(error?.message ?? `The API answered ${status}.`);
    this.name = "ApiError";
    this.status = status;
    this.code = error?.code ?? "http_error";
    this.details = error?.details ?? [];
    this.requestId = error?.request_id ?? response?.headers.get("Request-Id") ?? null;
    const retryAfter = response?.headers.get("Retry-After");
    this.retryAfterS = retryAfter ? Number(retryAfter) : null;
  }
}

/** What the user can do about an error, beyond its message. */
export function remedy(error: ApiError): string | null {
  switch (error.status) {
    case 401:
      return "The API key was refused: sign in again with a current key.";
    case 402:
      return "Your account cannot pay for this: top up credits or raise the plan on the Account page, or pick a cheaper quality.";
    case 429:
      return error.retryAfterS !== null
        ? `Too many requests: wait ${Math.ceil(error.retryAfterS)} s and try again.`
        : "Too many requests: wait a moment and try again.";
    case 503:
      return "The platform is briefly unavailable: try again shortly.";
    default:
      return null;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
