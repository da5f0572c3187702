import { BadRequestException, Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { isUuid } from '@app/platform';

/** A path id must be a UUID before it reaches a uuid column (400 instead of a database error). */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!isUuid(value)) throw new BadRequestException(`${metadata.data ?? 'id'} debe ser un identificador (UUID)`);
    return value;
  }
}
