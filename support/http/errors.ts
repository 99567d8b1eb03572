import { redactText, redactUrl } from '../redaction/redact';

/**
 * The target did not answer as HTTP at all: refused, unresolvable, reset, or too slow. It is a problem of the
 * target (or the network), not a defect the scenario found, and reports keep the two apart.
 */
export class TargetProblemError extends Error {
  override readonly name: string = 'TargetProblemError';

  constructor(
    readonly method: string,
    readonly url: string,
    readonly elapsedMs: number,
    readonly reason: string,
  ) {
    super(`${method} ${redactUrl(url)} failed after ${elapsedMs} ms: ${redactText(reason)}`);
  }
}

export class TargetTimeoutError extends TargetProblemError {
  override readonly name = 'TargetTimeoutError';

  constructor(method: string, url: string, elapsedMs: number, timeoutMs: number) {
    super(method, url, elapsedMs, `no response within the ${timeoutMs} ms timeout`);
  }
}

/**
 * The target answered, but with a server error (5xx): the server or a proxy in front of it is failing. No
 * behaviour of the API can be judged from it, so it is a target problem, not a product defect.
 */
export class TargetServerError extends TargetProblemError {
  override readonly name = 'TargetServerError';

  constructor(method: string, url: string, elapsedMs: number, status: number, contentType: string | undefined) {
    super(method, url, elapsedMs, `the server answered ${status} (a server error${contentType ? `, ${contentType.split(';')[0]}` : ''}), not an answer of the API`);
  }
}

/** A human reason for a failed fetch, e.g. `connect ECONNREFUSED 127.0.0.1:9` rather than `fetch failed`. */
export function describeFetchFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) return cause.message || cause.name;
  return error.message;
}

/** Where a response breaks its operation's description. */
export interface Violation {
  operationId: string;
  status: number;
  /** JSON pointer into the body (or `header:Name`, or empty for the whole response). */
  pointer: string;
  message: string;
}

/** The response broke the API's published contract: a defect of the product (or of its description). */
export class ContractViolationError extends Error {
  override readonly name = 'ContractViolationError';

  constructor(readonly violations: Violation[]) {
    super(
      `the response breaks the API description:\n${violations
        .map((violation) => `  ${violation.operationId} → ${violation.status} ${violation.pointer || '(response)'}: ${violation.message}`)
        .join('\n')}`,
    );
  }
}
