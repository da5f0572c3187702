import { AgentEntity } from '../agents/agent.entity.js';
import { AppSecretEntity } from '../agents/app-secret.entity.js';
import { CannedResponseEntity } from '../canned/canned-response.entity.js';
import { MaintenanceNoticeEntity } from '../maintenance/maintenance-notice.entity.js';
import { MaintenanceWindowEntity } from '../maintenance/maintenance-window.entity.js';
import { AttachmentEntity } from '../entities/attachment.entity.js';
import { ContactEntity } from '../entities/contact.entity.js';
import { ContactVerificationEntity } from '../entities/contact-verification.entity.js';
import { InboundItemEntity } from '../entities/inbound-item.entity.js';
import { IntakeCursorEntity } from '../entities/intake-cursor.entity.js';
import { MessageEntity } from '../entities/message.entity.js';
import { PhoneCallEntity } from '../entities/phone-call.entity.js';
import { OutboundDeliveryEntity } from '../entities/outbound-delivery.entity.js';
import { TicketEventEntity } from '../entities/ticket-event.entity.js';
import { TicketEntity } from '../entities/ticket.entity.js';
import { InitialSchema1764460800000 } from '../migrations/1764460800000-initial-schema.js';
import { ConversationRefAndAuthorName1764464400000 } from '../migrations/1764464400000-conversation-ref-and-author-name.js';
import { ChatConversations1764468000000 } from '../migrations/1764468000000-chat-conversations.js';
import { PhoneCalls1764471600000 } from '../migrations/1764471600000-phone-calls.js';
import { AgentsAndWorkflow1764475200000 } from '../migrations/1764475200000-agents-and-workflow.js';
import { SlaMaintenanceAvailability1764478800000 } from '../migrations/1764478800000-sla-maintenance-availability.js';
import { PhoneCallBacks1764482400000 } from '../migrations/1764482400000-phone-call-backs.js';
import { DeliverySendStarted1764486000000 } from '../migrations/1764486000000-delivery-send-started.js';
import { AgentSessionGeneration1764489600000 } from '../migrations/1764489600000-agent-session-generation.js';
import { DeliveryMessageIndex1764491100000 } from '../migrations/1764491100000-delivery-message-index.js';
import { UnverifiedContacts1764492000000 } from '../migrations/1764492000000-unverified-contacts.js';
import { SeverityReviewAndCfdi1764495600000 } from '../migrations/1764495600000-severity-review-and-cfdi.js';
import { CannedResponses1764499200000 } from '../migrations/1764499200000-canned-responses.js';
import { PrivacyLifecycle1764500400000 } from '../migrations/1764500400000-privacy-lifecycle.js';
import { Incidents1764504000000 } from '../migrations/1764504000000-incidents.js';
import { PendingBySourceIndex1764507600000 } from '../migrations/1764507600000-pending-by-source-index.js';
import { SatisfactionSurveys1764511200000 } from '../migrations/1764511200000-satisfaction-surveys.js';
import { IncidentDismissal1764514800000 } from '../migrations/1764514800000-incident-dismissal.js';
import { DeferredMessageReferences1764518400000 } from '../migrations/1764518400000-deferred-message-references.js';
import { DeferredContactReferences1764522000000 } from '../migrations/1764522000000-deferred-contact-references.js';
import { ExpectedRowsGuard1764525600000 } from '../migrations/1764525600000-expected-rows-guard.js';
import { OpenTicketsIndex1764529200000 } from '../migrations/1764529200000-open-tickets-index.js';
import { TicketNumbersPastAMillion1764532800000 } from '../migrations/1764532800000-ticket-numbers-past-a-million.js';
import { InboxOrderIndexes1764536400000 } from '../migrations/1764536400000-inbox-order-indexes.js';
import { InboundQueueJob1764540000000 } from '../migrations/1764540000000-inbound-queue-job.js';
import { DeliverySendLease1764543600000 } from '../migrations/1764543600000-delivery-send-lease.js';
import { MessageSearchForPeopleOnly1764547200000 } from '../migrations/1764547200000-message-search-for-people-only.js';
import { SignedOutSessions1764550800000 } from '../migrations/1764550800000-signed-out-sessions.js';
import { MaintenanceNoticesBySms1764554400000 } from '../migrations/1764554400000-maintenance-notices-by-sms.js';
import { SatisfactionSurveyEntity } from '../survey/satisfaction-survey.entity.js';

/** The ticket domain's tables; the channels keep their own (CHANNEL_ENTITIES), the migrations build both. */
export const TICKETS_ENTITIES = [
  ContactEntity,
  TicketEntity,
  MessageEntity,
  AttachmentEntity,
  TicketEventEntity,
  InboundItemEntity,
  OutboundDeliveryEntity,
  IntakeCursorEntity,
  AgentEntity,
  AppSecretEntity,
  MaintenanceWindowEntity,
  MaintenanceNoticeEntity,
  PhoneCallEntity,
  ContactVerificationEntity,
  CannedResponseEntity,
  SatisfactionSurveyEntity,
];

/** Listed explicitly, in order: a glob would break once the code is bundled or moved. */
export const TICKETS_MIGRATIONS = [
  InitialSchema1764460800000,
  ConversationRefAndAuthorName1764464400000,
  ChatConversations1764468000000,
  PhoneCalls1764471600000,
  AgentsAndWorkflow1764475200000,
  SlaMaintenanceAvailability1764478800000,
  PhoneCallBacks1764482400000,
  DeliverySendStarted1764486000000,
  AgentSessionGeneration1764489600000,
  DeliveryMessageIndex1764491100000,
  UnverifiedContacts1764492000000,
  SeverityReviewAndCfdi1764495600000,
  CannedResponses1764499200000,
  PrivacyLifecycle1764500400000,
  Incidents1764504000000,
  PendingBySourceIndex1764507600000,
  SatisfactionSurveys1764511200000,
  IncidentDismissal1764514800000,
  DeferredMessageReferences1764518400000,
  DeferredContactReferences1764522000000,
  ExpectedRowsGuard1764525600000,
  OpenTicketsIndex1764529200000,
  TicketNumbersPastAMillion1764532800000,
  InboxOrderIndexes1764536400000,
  InboundQueueJob1764540000000,
  DeliverySendLease1764543600000,
  MessageSearchForPeopleOnly1764547200000,
  SignedOutSessions1764550800000,
  MaintenanceNoticesBySms1764554400000,
];
