import { BadRequestException } from '@nestjs/common';
import { describe, expect, it } from '@jest/globals';
import { IncidentLinksDto, OpenIncidentDto } from '../incidents/dto/incident.dto.js';
import { CreateReplyDto } from '../tickets/dto/create-reply.dto.js';
import { TicketListQuery } from '../tickets/dto/ticket-list.query.js';
import { AssignDto } from '../tickets/dto/workflow.dto.js';
import { dtoValidation } from './validation.js';

const pipe = dtoValidation();
const refusal = async (value: unknown, metatype: new () => object, type: 'body' | 'query' = 'body') => {
  try {
    await pipe.transform(value, { type, metatype });
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return (error as BadRequestException).getResponse() as { message: string; code: string; fields: Record<string, string[]> };
  }
  throw new Error('accepted');
};

describe('dtoValidation', () => {
  it('should refuse a missing or blank required text with a 400 naming the field and its code', async () => {
    for (const body of [undefined, {}, { body: '   ' }, { body: 42 }]) {
      const answer = await refusal(body, CreateReplyDto);
      expect(answer).toMatchObject({ code: 'invalid_input', message: 'body es obligatorio y debe ser texto' });
      expect(Object.keys(answer.fields)).toEqual(['body']);
    }
  });

  it('should name every bad field in one message, with what each accepts', async () => {
    const answer = await refusal({ body: 'x'.repeat(20_001), internal: 'sí' }, CreateReplyDto);
    expect(answer.message).toContain('body debe tener como máximo 20000 caracteres');
    expect(answer.message).toContain('internal debe ser true o false');
  });

  it('should keep the declared fields, drop the others, and leave optional ones out', async () => {
    const reply = (await pipe.transform({ body: 'Hola', role: 'admin' }, { type: 'body', metatype: CreateReplyDto })) as CreateReplyDto;
    expect(reply).toBeInstanceOf(CreateReplyDto);
    expect({ ...reply }).toEqual({ body: 'Hola' });
  });

  it('should read query numbers written in digits only, and treat an empty parameter as left out', async () => {
    const query = (await pipe.transform({ severity: '2', limit: '', q: '  IF-3 ' }, { type: 'query', metatype: TicketListQuery })) as TicketListQuery;
    expect({ ...query }).toEqual({ severity: 2, q: 'IF-3' });
    for (const severity of ['4', '1.5', '2x', '-0x1']) {
      expect((await refusal({ severity }, TicketListQuery, 'query')).message).toBe('severity debe ser un número entero de 0 a 3');
    }
    expect((await refusal({ status: 'lost' }, TicketListQuery, 'query')).message).toMatch(/^status debe ser uno de: new, /);
    expect((await refusal({ assignee: 'alguien' }, TicketListQuery, 'query')).message).toBe('assignee debe ser un id o uno de: me, none');
  });

  it('should take null for an assignee to clear, and refuse anything else that is not an id', async () => {
    await expect(pipe.transform({ agentId: null }, { type: 'body', metatype: AssignDto })).resolves.toEqual({ agentId: null });
    for (const body of [{}, { agentId: 'x' }, { agentId: 7 }]) expect((await refusal(body, AssignDto)).message).toBe('agentId debe ser el id de un agente o null');
  });

  it('should read ticket numbers in full or short, and name the one that is not', async () => {
    const links = (await pipe.transform({ add: ['4', 'IF-000005'] }, { type: 'body', metatype: IncidentLinksDto })) as IncidentLinksDto;
    expect(links.add).toEqual(['IF-000004', 'IF-000005']);
    expect((await refusal({ add: ['4', 'hola'] }, IncidentLinksDto)).message).toBe('add tiene "hola", que no es un número de ticket');
    expect((await refusal({ remove: 'IF-4' }, IncidentLinksDto)).message).toBe('remove debe ser una lista de números de ticket');
    expect((await refusal({ title: 'Falla', severity: 5 }, OpenIncidentDto)).message).toBe('severity debe ser 0, 1, 2 o 3');
  });
});
