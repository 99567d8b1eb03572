import type { FastifyInstance } from 'fastify';
import { loadFamilyContract } from '../../support/contract/compiled-contract';
import { documentsMinimum } from '../../support/contract/shapes';
import { FAMILY_SPECS } from '../../support/contract/spec';

/**
 * The descriptions as a source of alternatives (issue 19): every JSON answer of `app` as lean as its description
 * allows, a field with nothing to carry answered `null` where it is `nullable` and left out where it is not
 * `required`, so that no step can read a field the documents do not promise (VRChat's `accountDeletionLog` of an
 * account that never asked for its deletion is `null`, not `[]`). Played by the alternate profile (VR-027, EN-029,
 * SH-010); the shapes come from the compiled descriptions (support/contract/shapes.ts).
 */
export async function answerWithDocumentsMinimum(app: FastifyInstance, family: 'VRChat' | 'Enhance' | 'Shoko'): Promise<void> {
  const spec = FAMILY_SPECS.find((candidate) => candidate.family === family);
  if (!spec) throw new Error(`no description for ${family}`);
  const { operations, shapes } = await loadFamilyContract(spec);
  app.addHook('onSend', async (request, reply, payload) => {
    if (typeof payload !== 'string' || !/json/i.test(String(reply.getHeader('content-type') ?? ''))) return payload;
    const path = request.url.split('?')[0] ?? '';
    const operation = operations.find((candidate) => candidate.method === request.method && candidate.pattern.test(path));
    const shape = operation && shapes[operation.operationId]?.[String(reply.statusCode)];
    if (!shape) return payload;
    let body: unknown;
    try {
      body = JSON.parse(payload);
    } catch {
      return payload;
    }
    const lean = JSON.stringify(documentsMinimum(body, shape));
    // Untouched bodies keep their exact bytes (VRChat's challenge is matched byte for byte by SDKs).
    return lean === JSON.stringify(body) ? payload : lean;
  });
}
