import { resolve } from 'node:path';

/** One documented operation: where it lives and what it may answer. */
export interface Operation {
  family: string;
  operationId: string;
  method: string;
  template: string;
  pattern: RegExp;
  /** Status ("200", "4XX", "default") → the response object, `$ref`s resolved. */
  responses: Record<string, ResponseSpec>;
}

export interface ResponseSpec {
  content?: Record<string, { schema?: unknown }>;
  headers?: Record<string, { schema?: unknown; required?: boolean }>;
}

export interface FamilySpec {
  family: string;
  file: string;
  /** The path the server puts in front of the spec's paths (the base URL's path). */
  prefix: string;
  /** Only these operations are this project's concern (VRChat's file documents a few more). */
  operations?: readonly string[];
}

export const SPECS = resolve(__dirname, '../../specs');

export const FAMILY_SPECS: FamilySpec[] = [
  {
    family: 'VRChat',
    file: resolve(SPECS, 'vrchat/openapi/components/paths/authentication.yaml'),
    prefix: '/api/1',
    operations: [
      'getCurrentUser', 'verifyAuthToken', 'logout', 'verify2FA', 'verifyRecoveryCode', 'verify2FAEmailCode',
      'checkUserExists', 'deleteUser', 'disable2FA', 'enable2FA', 'cancelPending2FA', 'verifyPending2FA',
      'getRecoveryCodes', 'resendEmailConfirmation', 'confirmEmail', 'verifyLoginPlace', 'registerUserAccount',
    ],
  },
  { family: 'Enhance', file: resolve(SPECS, 'enhance/enhance-logins-subset-v12.3.0.yml'), prefix: '/api' },
  { family: 'Shoko', file: resolve(SPECS, 'shoko/shoko-auth-reconstructed.openapi.yaml'), prefix: '' },
];

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/**
 * VRChat's bundler resolves `x-if: {when: jsonschema, then, else}`; modern bundles take `then`, which is what a
 * current server answers (`oneOf [CurrentUser, RequiresTwoFactorAuth]`).
 */
function resolveXIf(node: unknown, seen = new Set<unknown>()): unknown {
  if (!node || typeof node !== 'object' || seen.has(node)) return node;
  seen.add(node);
  if (Array.isArray(node)) return node.map((item) => resolveXIf(item, seen));
  const record = node as Record<string, unknown>;
  const xIf = record['x-if'] as { then?: unknown } | undefined;
  if (xIf?.then) return resolveXIf(xIf.then, seen);
  for (const [key, value] of Object.entries(record)) record[key] = resolveXIf(value, seen);
  return record;
}

/** `/users/{userId}/delete` → a RegExp matching `/users/usr_1/delete`. */
export function templatePattern(template: string): RegExp {
  const escaped = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${escaped}$`);
}

/** Loads and dereferences a family's OpenAPI description into its operations. */
export async function loadOperations(spec: FamilySpec): Promise<Operation[]> {
  // Loaded here, not above: a run reads its descriptions precompiled (compiled-contract.ts).
  const { default: $RefParser } = await import('@apidevtools/json-schema-ref-parser');
  const document = resolveXIf(await $RefParser.dereference(spec.file, { dereference: { circular: 'ignore' } })) as {
    paths: Record<string, Record<string, { operationId?: string; responses?: Record<string, ResponseSpec> }>>;
  };
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      // The reconstructed Shoko spec has no operationIds: such operations are named by method and path.
      const operationId = operation.operationId ?? `${method.toUpperCase()} ${template}`;
      if (spec.operations && !spec.operations.includes(operationId)) continue;
      operations.push({
        family: spec.family,
        operationId,
        method: method.toUpperCase(),
        template,
        pattern: templatePattern(`${spec.prefix}${template}`),
        responses: operation.responses ?? {},
      });
    }
  }
  return operations;
}
