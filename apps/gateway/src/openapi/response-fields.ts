import type { Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type SchemaObject } from '@nestjs/swagger';

/**
 * The property decorators response classes are made of: they only describe (the presenters build the
 * JSON, typed by the shapes in libs/tickets/src/shapes), so each class `implements` its shape and the
 * compiler keeps the two in step.
 */
interface FieldOptions {
  nullable?: boolean;
  optional?: boolean;
  description?: string;
}

const property = ({ optional, ...options }: FieldOptions & Record<string, unknown>) => (optional ? ApiPropertyOptional : ApiProperty)(options);

export const Text = (options: FieldOptions = {}) => property({ type: String, ...options });
export const Int = (options: FieldOptions = {}) => property({ type: 'integer', ...options });
export const Num = (options: FieldOptions = {}) => property({ type: Number, ...options });
export const Bool = (options: FieldOptions = {}) => property({ type: Boolean, ...options });
/** An instant, ISO 8601 in UTC. */
export const Time = (options: FieldOptions = {}) => property({ type: String, format: 'date-time', ...options });
export const Texts = (options: FieldOptions = {}) => property({ type: [String], ...options });
export const Enum = (values: readonly (string | number)[], options: FieldOptions = {}) => property({ enum: [...values], ...options });
// Swagger takes `type` for a lazy reference only when the function is named `type`, as an arrow
// written in an object literal is.
export const Nested = (lazy: () => Type<unknown>, options: FieldOptions & { isArray?: boolean } = {}) => property({ type: () => lazy(), ...options });
/** A JSON object whose keys vary (a channel, a component...), with values of one kind. */
export const Dict = (values: 'integer' | 'number' | 'string' | 'object', options: FieldOptions = {}) =>
  property({ type: 'object', additionalProperties: values === 'object' ? true : { type: values }, ...options });
/** A list of small objects described in place (`{ code, meaning }`...), every property present unless `optional` names it. */
export const ObjectList = (properties: Record<string, SchemaObject>, options: FieldOptions & { optional?: boolean; optionalKeys?: string[] } = {}) => {
  const { optionalKeys = [], ...rest } = options;
  return property({ type: 'array', items: { type: 'object', properties, required: Object.keys(properties).filter((key) => !optionalKeys.includes(key)) }, ...rest });
};
