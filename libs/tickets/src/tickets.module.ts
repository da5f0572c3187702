import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AgentsService } from './agents/agents.service.js';
import { AgentsRepository } from './agents/agents.repository.js';
import { AppSecretsRepository } from './agents/app-secrets.repository.js';
import { SignedOutSessionsRepository } from './agents/signed-out-sessions.repository.js';
import { SharedFiles } from './attachments/shared-files.js';
import { SatisfactionReports } from './survey/satisfaction-report.js';
import { SatisfactionSurveysService } from './survey/satisfaction-surveys.service.js';
import { SurveyLinks } from './survey/survey-links.js';
import { SurveysRepository } from './survey/surveys.repository.js';
import { CallIntake } from './calls/call-intake.js';
import { MissedCallsService } from './calls/missed-calls.service.js';
import { CallerTickets } from './calls/caller-tickets.js';
import { PhoneCallsRepository } from './calls/phone-calls.repository.js';
import { ContactsRepository } from './contacts.repository.js';
import { ContactVerificationsRepository } from './identity/contact-verifications.repository.js';
import { IdentityVerificationService } from './identity/identity-verification.service.js';
import { VerificationLinks } from './identity/verification-links.js';
import { InboundAcceptor } from './intake/inbound-acceptor.js';
import { InboundItemsRepository } from './intake/inbound-items.repository.js';
import { IntakeCursorsRepository } from './intake/intake-cursors.repository.js';
import { ClosingWords } from './intake/closing-words.js';
import { IntakeService } from './intake/intake.service.js';
import { RecoverySweeper } from './intake/recovery-sweeper.js';
import { SystemHealth } from './infrastructure/system-health.js';
import { INTAKE_JOB_OPTIONS, OUTBOUND_JOB_OPTIONS, QUEUES, SLA_JOB_OPTIONS } from './jobs.js';
import { MessagesRepository } from './messages.repository.js';
import { CustomerNotifier } from './outbound/customer-notifier.js';
import { OutboundDeliveriesRepository } from './outbound/outbound-deliveries.repository.js';
import { OutboundService } from './outbound/outbound.service.js';
import { SendsBegunHere } from './outbound/sends-begun-here.js';
import { ReplyRouting } from './outbound/reply-routing.js';
import { QueueProducer } from './queue-producer.js';
import { TicketChangePublisher } from './realtime/ticket-change-publisher.js';
import { MaintenanceNoticesRepository } from './maintenance/maintenance-notices.repository.js';
import { MaintenanceWindowsRepository } from './maintenance/maintenance-windows.repository.js';
import { SlaClocksService } from './sla/sla-clocks.service.js';
import { SlaAlertsRepository } from './sla/sla-alerts.repository.js';
import { SlaExposureRepository } from './sla/sla-exposure.repository.js';
import { SlaMonitor } from './sla/sla-monitor.service.js';
import { MaintenanceService } from './maintenance/maintenance.service.js';
import { HealthSampler } from './health/health-sampler.js';
import { AvailabilityReports } from './reports/availability-report.js';
import { SlaReports } from './reports/sla-report.js';
import { MaintenanceNoticesService } from './maintenance/maintenance-notices.service.js';
import { RepliesService } from './replies.service.js';
import { TicketEventsRepository } from './ticket-events.repository.js';
import { TicketsRepository } from './tickets.repository.js';
import { TicketsService } from './tickets.service.js';
import { TicketWorkflowService } from './workflow/ticket-workflow.service.js';
import { SeverityExamplesRepository } from './severity/severity-examples.repository.js';
import { IncidentBroadcastService } from './incidents/incident-broadcast.service.js';
import { IncidentUpdatePreviewService } from './incidents/incident-update-preview.service.js';
import { IncidentDetector } from './incidents/incident-detector.js';
import { IncidentSeverityAligner } from './incidents/incident-severity-aligner.js';
import { IncidentsRepository } from './incidents/incidents.repository.js';
import { IncidentsService } from './incidents/incidents.service.js';
import { PublicStatusService } from './incidents/public-status.service.js';
import { OpenIncidentMatcher } from './incidents/open-incident-matcher.js';
import { IncidentReports } from './reports/incident-report.js';
import { CannedResponsesRepository } from './canned/canned-responses.repository.js';
import { CannedResponsesService } from './canned/canned-responses.service.js';
import { AttachmentRetentionRepository } from './privacy/attachment-retention.repository.js';
import { AuditEventsRepository } from './privacy/audit-events.repository.js';
import { ExpiredTicketsRepository } from './privacy/expired-tickets.repository.js';
import { ContactErasureRepository } from './privacy/contact-erasure.repository.js';
import { ContactExportRepository } from './privacy/contact-export.repository.js';
import { ContactScopeRepository } from './privacy/contact-scope.repository.js';
import { RecordingRetentionRepository } from './privacy/recording-retention.repository.js';
import { RetentionService } from './privacy/retention.service.js';
import { TicketEventRedactionRepository } from './privacy/ticket-event-redaction.repository.js';
import { WriteBehind } from './database/write-behind.js';

const PROVIDERS = [
  WriteBehind,
  ContactsRepository,
  TicketsRepository,
  MessagesRepository,
  TicketEventsRepository,
  InboundItemsRepository,
  IntakeCursorsRepository,
  OutboundDeliveriesRepository,
  QueueProducer,
  InboundAcceptor,
  IntakeService,
  ClosingWords,
  CustomerNotifier,
  SendsBegunHere,
  OutboundService,
  RecoverySweeper,
  TicketsService,
  SystemHealth,
  RepliesService,
  ReplyRouting,
  TicketWorkflowService,
  AgentsService,
  AgentsRepository,
  AppSecretsRepository,
  SignedOutSessionsRepository,
  TicketChangePublisher,
  MaintenanceWindowsRepository,
  MaintenanceNoticesRepository,
  SlaClocksService,
  SlaMonitor,
  SlaExposureRepository,
  SlaAlertsRepository,
  MaintenanceService,
  MaintenanceNoticesService,
  HealthSampler,
  AvailabilityReports,
  SlaReports,
  PhoneCallsRepository,
  CallerTickets,
  CallIntake,
  MissedCallsService,
  ContactVerificationsRepository,
  VerificationLinks,
  SharedFiles,
  SurveysRepository,
  SurveyLinks,
  SatisfactionSurveysService,
  SatisfactionReports,
  IdentityVerificationService,
  SeverityExamplesRepository,
  CannedResponsesRepository,
  CannedResponsesService,
  AuditEventsRepository,
  TicketEventRedactionRepository,
  ExpiredTicketsRepository,
  AttachmentRetentionRepository,
  RecordingRetentionRepository,
  RetentionService,
  ContactScopeRepository,
  ContactExportRepository,
  ContactErasureRepository,
  IncidentsRepository,
  IncidentSeverityAligner,
  IncidentsService,
  IncidentBroadcastService,
  IncidentUpdatePreviewService,
  IncidentDetector,
  PublicStatusService,
  OpenIncidentMatcher,
  IncidentReports,
];

/**
 * The ticket core. The importing app provides `CORE_CONFIG`, a TypeORM `DataSource` and the BullMQ
 * root connection (`BullModule.forRoot`).
 */
@Module({
  imports: [
    BullModule.registerQueue(
      { name: QUEUES.intake, defaultJobOptions: INTAKE_JOB_OPTIONS },
      { name: QUEUES.outbound, defaultJobOptions: OUTBOUND_JOB_OPTIONS },
      { name: QUEUES.sla, defaultJobOptions: SLA_JOB_OPTIONS },
    ),
  ],
  providers: PROVIDERS,
  exports: [...PROVIDERS, BullModule],
})
export class TicketsModule {}
