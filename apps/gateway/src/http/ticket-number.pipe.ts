import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';

/** INTERFACE.md's ticket number; a bounded digit count keeps absurd input out of queries and logs. */
const TICKET_NUMBER = /^[A-Z]{2,4}-\d{4,12}$/;

/** A path's ticket number, upper-cased (`if-000123` is IF-000123); anything else is a 400. */
@Injectable()
export class TicketNumberPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const number = value.toUpperCase();
    if (!TICKET_NUMBER.test(number)) throw new BadRequestException('el número de ticket debe tener la forma IF-000123');
    return number;
  }
}
