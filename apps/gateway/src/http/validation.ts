import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

/**
 * Validates every body and query declared as a DTO class (class-validator), strips fields the class
 * does not declare, and converts the values (class-transformer). A refusal is a 400 whose `message`
 * names each field and what it accepts, `code: invalid_input`, and `fields` by name.
 */
export function dtoValidation(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    // One reason per field: the first rule it breaks (a number is "not text", not also "too long").
    stopAtFirstError: true,
    exceptionFactory: (errors: ValidationError[]) => {
      const fields = Object.fromEntries(flatten(errors).map(({ path, messages }) => [path, messages]));
      const reasons = Object.values(fields).flat();
      return new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        code: 'invalid_input',
        message: reasons.length > 0 ? reasons.join('; ') : 'La solicitud no es válida.',
        fields,
      });
    },
  });
}

function flatten(errors: ValidationError[], parent = ''): Array<{ path: string; messages: string[] }> {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ path, messages: [...new Set(Object.values(error.constraints))] }] : [];
    return [...own, ...flatten(error.children ?? [], path)];
  });
}
