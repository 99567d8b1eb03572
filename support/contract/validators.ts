import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { ValidatorOf } from './checker';

/** The options every validator of a description is compiled with, at first use or ahead of time. */
export function newAjv(options: { source?: boolean } = {}): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false, code: { source: options.source ?? false } });
  addFormats(ajv);
  return ajv;
}

/** Compiles each schema on its first use, once. */
export function compilingValidators(): ValidatorOf {
  const ajv = newAjv();
  const validators = new WeakMap<object, ValidateFunction>();
  return (schema) => {
    let validate = validators.get(schema);
    if (!validate) {
      validate = ajv.compile(schema);
      validators.set(schema, validate);
    }
    return validate;
  };
}
