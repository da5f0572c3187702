import type { ComponentStatus } from '@app/platform';
import type { CheckResult, DeliveryHealth, HealthReport, QueueHealth } from '@app/tickets';
import { Bool, Dict, Enum, Int, Nested, Text, Texts, Time } from '../../openapi/response-fields.js';
import type { PublicHealth } from '../health.controller.js';

// What the health routes answer, for the OpenAPI document; the shapes they implement are the source.

const HEALTH_STATUSES = ['ok', 'failing'] as const;
type MailboxHealth = NonNullable<HealthReport['checks']['mailbox']>;

export class PublicHealthResponse implements PublicHealth {
  @Enum(HEALTH_STATUSES, { description: '`failing` comes with HTTP 503.' })
  status!: 'ok' | 'failing';

  @Texts({ description: 'The parts that fail, by name only (`postgres`, `redis`, `queue:intake`...).' })
  failing!: string[];
}

export class CheckResponse implements CheckResult {
  @Bool()
  ok!: boolean;

  @Int({ optional: true })
  latencyMs?: number;

  @Text({ optional: true })
  error?: string;
}

export class QueueHealthResponse extends CheckResponse implements QueueHealth {
  @Int({ optional: true })
  waiting?: number;

  @Int({ optional: true, description: "Age of the oldest job nobody has taken yet: grows when work is not consumed." })
  oldestWaitingMs?: number;
}

export class DeliveryHealthResponse extends CheckResponse implements DeliveryHealth {
  @Int({ description: 'Messages owed to customers on this channel and not sent yet.' })
  owed!: number;

  @Int({ description: "How long the oldest of them has waited: grows while the channel's provider fails." })
  oldestOwedMs!: number;
}

export class MailboxHealthResponse implements MailboxHealth {
  @Bool()
  ok!: boolean;

  @Int({ description: 'Workers that read the mailbox.' })
  readers!: number;

  @Int({ description: 'Of them, connected now.' })
  connected!: number;

  @Int({ optional: true, description: 'How long no reader has been connected.' })
  downForMs?: number;

  @Text({ optional: true })
  error?: string;
}

export class HealthChecksResponse {
  @Nested(() => CheckResponse)
  postgres!: CheckResponse;

  @Nested(() => CheckResponse)
  redis!: CheckResponse;

  @Dict('object', { description: 'By queue name (`intake`, `outbound`...): a QueueHealth each (`ok`, `waiting`, `oldestWaitingMs`).' })
  queues!: Record<string, QueueHealthResponse>;

  @Dict('object', { description: 'By channel: a DeliveryHealth each (`ok`, `owed`, `oldestOwedMs`).' })
  deliveries!: Record<string, DeliveryHealthResponse>;

  @Nested(() => MailboxHealthResponse, { optional: true, description: 'Absent when no worker reads mail.' })
  mailbox?: MailboxHealthResponse;
}

export class ComponentStatusResponse implements ComponentStatus {
  @Text({ description: '`worker`, `mailbox`...' })
  component!: string;

  @Text({ description: 'Host and process id.' })
  instance!: string;

  @Time()
  reportedAt!: string;

  @Dict('object')
  details!: Record<string, unknown>;
}

export class HealthReportResponse extends PublicHealthResponse implements HealthReport {
  @Nested(() => HealthChecksResponse)
  checks!: HealthChecksResponse;

  @Nested(() => ComponentStatusResponse, { isArray: true })
  workers!: ComponentStatusResponse[];

  @Time()
  checkedAt!: string;
}
