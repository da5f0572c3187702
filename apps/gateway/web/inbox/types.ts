// The JSON the gateway answers, typed once in the ticket library (the presenters return these).
export type {
  AgentJson as Agent,
  AttachmentJson as Attachment,
  CannedResponseJson as CannedResponse,
  CfdiJson as CfdiDetails,
  ChannelName as Channel,
  ContactJson as Contact,
  LoginJson as Login,
  MaintenanceListJson as MaintenanceList,
  MaintenanceWindowJson as MaintenanceWindow,
  MeJson as Me,
  MessageJson as Message,
  ScheduledMaintenanceJson as ScheduledMaintenance,
  TicketDetailJson as TicketDetail,
  TicketEventJson as TicketEvent,
  TicketSummaryJson as TicketSummary,
} from '@shared/tickets/shapes/ticket-shapes.js';
export type { TicketStatus as Status, Tier } from '@shared/tickets/domain.js';
export type { ClockState as Clock } from '@shared/tickets/sla/sla-state.js';
