import type { ValidateFunction } from 'ajv';
import type { ExchangeCheck } from '../http/client';
import type { Violation } from '../http/errors';
import type { Exchange } from '../http/exchange';
import { headerValue } from '../http/exchange';
import type { Allowlist } from './allowlist';
import type { Finding } from './corrections';
import type { Operation, OperationCorrection, ResponseSpec } from './spec';

export type { Violation };

/** What a response was matched to, for the coverage summary. */
export interface Hit {
  family: string;
  operationId: string;
  status: number;
}

/**
 * Checks responses against one family's OpenAPI operations: the status must be documented (or allowlisted
 * with a reason), a JSON body must match the documented schema, documented headers that are present must match
 * theirs. Requests to paths the description does not have are not judged (and not counted).
 */
export class ContractChecker implements ExchangeCheck {
  constructor(
    readonly family: string,
    readonly operations: Operation[],
    private readonly allowlist: Allowlist,
    private readonly onHit: (hit: Hit) => void,
    /** `compilingValidators()`, or a run's precompiled ones (compiled-contract.ts). */
    private readonly validatorOf: ValidatorOf,
    /** Told of every response that passed only thanks to a correction of the description (a finding against it). */
    private readonly onFinding: (finding: Finding) => void = () => undefined,
  ) {}

  /** The documented operation of a request: literal paths win over templated ones (`/sessions/current`). */
  operationOf(method: string, url: string): Operation | undefined {
    const { pathname } = new URL(url);
    return this.operations
      .filter((operation) => operation.method === method && operation.pattern.test(pathname))
      .sort((a, b) => a.template.split('{').length - b.template.split('{').length)[0];
  }

  check(exchange: Exchange): Violation[] {
    const { response } = exchange;
    if (!response) return [];
    const operation = this.operationOf(exchange.request.method, exchange.request.url);
    if (!operation) return [];
    const { status } = response;
    this.onHit({ family: this.family, operationId: operation.operationId, status });
    const documented = responseFor(operation, status);
    const corrections = (operation.corrections ?? []).filter((correction) => correction.status === status);
    if (!documented) {
      if (this.allowlist.allows(this.family, operation.operationId, status)) return [];
      const undocumented = corrections.find((correction) => correction.kind === 'status');
      if (undocumented && this.#fitsCorrection(undocumented, response)) return this.#found(operation, undocumented);
      return [{ operationId: operation.operationId, status, pointer: '', message: `status ${status} is not documented (documented: ${Object.keys(operation.responses).join(', ')})` }];
    }
    const violations = [...this.#checkHeaders(operation, status, documented, response.headers), ...this.#checkBody(operation, status, documented, response)];
    if (violations.length === 0) return [];
    // The description's own schema first; where a reviewed correction describes the body instead, a finding.
    const corrected = corrections.find((correction) => correction.kind === 'schema' && this.#fitsCorrection(correction, response));
    return corrected ? this.#found(operation, corrected) : violations;
  }

  /** The body as a correction describes it (any body, when the correction gives no schema). */
  #fitsCorrection(correction: OperationCorrection, response: NonNullable<Exchange['response']>): boolean {
    if (!correction.schema) return true;
    try {
      return this.validatorOf(correction.schema)(JSON.parse(response.body)) === true;
    } catch {
      return false;
    }
  }

  #found(operation: Operation, correction: OperationCorrection): Violation[] {
    this.onFinding({ family: this.family, operationId: operation.operationId, status: correction.status, kind: correction.kind, reason: correction.reason });
    return [];
  }

  #checkHeaders(operation: Operation, status: number, documented: ResponseSpec, headers: [string, string][]): Violation[] {
    const violations: Violation[] = [];
    for (const [name, header] of Object.entries(documented.headers ?? {})) {
      const values = headers.filter(([key]) => key.toLowerCase() === name.toLowerCase()).map(([, value]) => value);
      if (values.length === 0) {
        if (header.required) violations.push({ operationId: operation.operationId, status, pointer: `header:${name}`, message: 'required header is missing' });
        continue;
      }
      const validate = header.schema && typeof header.schema === 'object' ? this.validatorOf(header.schema) : undefined;
      for (const value of values) {
        if (validate && !validate(value)) violations.push(...errorsOf(validate, operation, status, `header:${name}`));
      }
    }
    return violations;
  }

  #checkBody(operation: Operation, status: number, documented: ResponseSpec, response: NonNullable<Exchange['response']>): Violation[] {
    const content = documented.content;
    if (!content || Object.keys(content).length === 0) return [];
    const type = (headerValue(response.headers, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const media = content[type] ?? Object.entries(content).find(([key]) => key.includes('*') && new RegExp(`^${key.replace('*', '.*')}$`).test(type))?.[1];
    if (!media) {
      return [{ operationId: operation.operationId, status, pointer: '', message: `content type "${type || 'none'}" is not documented (documented: ${Object.keys(content).join(', ')})` }];
    }
    if (!media.schema || typeof media.schema !== 'object' || !/json/.test(type)) return [];
    let body: unknown;
    try {
      body = JSON.parse(response.body);
    } catch {
      return [{ operationId: operation.operationId, status, pointer: '', message: 'the body is not the JSON the description documents' }];
    }
    const validate = this.validatorOf(media.schema);
    return validate(body) ? [] : errorsOf(validate, operation, status, '');
  }
}

/** The validator of a schema of the description. */
export type ValidatorOf = (schema: object) => ValidateFunction;

/** The documented response for a status: exact, then `4XX`-style ranges, then `default`. */
function responseFor(operation: Operation, status: number): ResponseSpec | undefined {
  const { responses } = operation;
  return responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
}

function errorsOf(validate: ValidateFunction, operation: Operation, status: number, prefix: string): Violation[] {
  return (validate.errors ?? []).map((error) => ({
    operationId: operation.operationId,
    status,
    pointer: `${prefix}${error.instancePath || (prefix ? '' : '/')}`,
    message: `${error.message ?? 'is invalid'}${error.params && 'missingProperty' in error.params ? ` (${String(error.params.missingProperty)})` : ''}`,
  }));
}
