/**
 * What a response schema promises about its fields, kept small enough to ship in the compiled contract module: which
 * fields an object requires, which may be null, and the same for its properties, items and alternatives. The mocks'
 * alternate profile answers with the documents' minimum from it (mocks/shared/documents-minimum.ts).
 */
export interface Shape {
  nullable?: true;
  required?: string[];
  properties?: Record<string, Shape>;
  items?: Shape;
  /** oneOf/anyOf branches (VRChat's login answer is CurrentUser or the second-factor challenge). */
  branches?: Shape[];
}

const MAX_DEPTH = 12;

export function shapeOf(schema: unknown, depth = 0): Shape | undefined {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema) || depth > MAX_DEPTH) return undefined;
  const node = schema as Record<string, unknown>;
  const shape: Shape = {};
  if (node.nullable === true) shape.nullable = true;
  // allOf parts add their required fields and properties to one object.
  for (const part of [node, ...(Array.isArray(node.allOf) ? node.allOf : [])] as Record<string, unknown>[]) {
    if (!part || typeof part !== 'object') continue;
    if (part !== node && part.nullable === true) shape.nullable = true;
    if (Array.isArray(part.required)) shape.required = [...new Set([...(shape.required ?? []), ...(part.required as string[])])];
    if (part.properties && typeof part.properties === 'object') {
      for (const [name, property] of Object.entries(part.properties as Record<string, unknown>)) {
        const inner = shapeOf(property, depth + 1);
        if (inner) (shape.properties ??= {})[name] = inner;
      }
    }
    if (part.items) {
      const items = shapeOf(part.items, depth + 1);
      if (items) shape.items = items;
    }
  }
  const branches = [...(Array.isArray(node.oneOf) ? node.oneOf : []), ...(Array.isArray(node.anyOf) ? node.anyOf : [])].flatMap((branch) => shapeOf(branch, depth + 1) ?? []);
  if (branches.length > 0) shape.branches = branches;
  return shape;
}

/** Nothing to carry: no value, empty text, an empty list or object. */
function empty(value: unknown): boolean {
  return value === null || value === '' || (Array.isArray(value) && value.length === 0) || (typeof value === 'object' && value !== null && Object.keys(value).length === 0);
}

/**
 * A body as lean as its description allows: a field with nothing to carry is null where the description makes it
 * `nullable`, and left out where it does not require it. Fields the description does not name stay as they are.
 */
export function documentsMinimum(value: unknown, shape: Shape | undefined): unknown {
  if (!shape) return value;
  if (Array.isArray(value)) return shape.items ? value.map((item) => documentsMinimum(item, shape.items)) : value;
  if (!value || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  // The branch whose required fields the body has (the first one otherwise).
  const chosen = shape.branches?.find((branch) => (branch.required ?? []).every((name) => name in object)) ?? shape.branches?.[0];
  const own = chosen ? { ...chosen, required: [...(shape.required ?? []), ...(chosen.required ?? [])], properties: { ...shape.properties, ...chosen.properties } } : shape;
  const lean: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(object)) {
    const fieldShape = own.properties?.[name];
    if (!fieldShape) {
      lean[name] = field;
      continue;
    }
    const inner = documentsMinimum(field, fieldShape);
    if (!empty(inner)) lean[name] = inner;
    else if (fieldShape.nullable) lean[name] = null;
    else if (own.required?.includes(name)) lean[name] = inner;
  }
  return lean;
}
