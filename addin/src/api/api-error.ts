/** The RFC 7807 body every API error carries (CONTRACT.md). */
export interface ProblemDetails {
  type?: string;
  title?: string;
  detail?: string;
  status?: number;
  errors?: Record<string, string[]>;
}

export type ApiFailure = 'http' | 'timeout' | 'network';

/** A failed API call, in words a salesperson can read. `status` is 0 when no answer came. */
export class ApiError extends Error {
  readonly status: number;
  readonly failure: ApiFailure;
  readonly title: string;
  readonly detail: string | undefined;
  readonly fieldErrors: Record<string, string[]>;

  constructor(init: {
    status: number;
    failure: ApiFailure;
    title: string;
    detail?: string | undefined;
    fieldErrors?: Record<string, string[]>;
    cause?: unknown;
  }) {
    super(init.detail ? `${init.title}: ${init.detail}` : init.title, { cause: init.cause });
    this.name = 'ApiError';
    this.status = init.status;
    this.failure = init.failure;
    this.title = init.title;
    this.detail = init.detail;
    this.fieldErrors = init.fieldErrors ?? {};
  }

  /** The field errors as lines, e.g. "lastName: must not be empty". */
  fieldMessages(): string[] {
    return Object.entries(this.fieldErrors).flatMap(([field, messages]) => messages.map((m) => `${field}: ${m}`));
  }
}

const fallbackTitles: Record<number, string> = {
  400: 'The request was not accepted',
  401: 'Your sign-in was not accepted',
  403: 'You are not allowed to do this',
  404: 'Not found',
  409: 'This conflicts with a change made elsewhere',
  429: 'Too many requests; try again in a moment',
  502: 'The CRM or Exchange did not answer properly',
  503: 'The service is unavailable; try again later',
};

function stringArrays(value: unknown): Record<string, string[]> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const result: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(value)) {
    const list = (Array.isArray(messages) ? messages : [messages]).filter((m): m is string => typeof m === 'string');
    if (list.length > 0) result[field] = list;
  }
  return result;
}

/** Builds the error for a non-2xx answer from its problem+json body (or whatever else came). */
export function apiErrorFromResponse(status: number, statusText: string, body: unknown): ApiError {
  const problem = (typeof body === 'object' && body !== null ? body : {}) as ProblemDetails;
  const title =
    (typeof problem.title === 'string' && problem.title) || fallbackTitles[status] || statusText || `HTTP ${status}`;
  const detail = typeof problem.detail === 'string' && problem.detail ? problem.detail : undefined;
  return new ApiError({ status, failure: 'http', title, detail, fieldErrors: stringArrays(problem.errors) });
}
