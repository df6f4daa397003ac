import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

/**
 * Two validators. Bodies are never coerced: `"quantity": "2"` is a wrong type and gets a 400, and
 * unknown fields are refused (schemas say additionalProperties: false). Path and query strings are
 * text by nature, so there numbers and booleans are coerced.
 */
function makeAjv(coerceTypes: boolean) {
  const options: Options = { coerceTypes, useDefaults: true, removeAdditional: false, allErrors: false, strict: false };
  const ajv = new Ajv(options);
  addFormats.default(ajv);
  return ajv;
}

const bodyAjv = makeAjv(false);
const textAjv = makeAjv('array' as unknown as boolean);

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? bodyAjv : textAjv;
  return ajv.compile(schema as object) as ReturnType<FastifySchemaCompiler<unknown>>;
};
