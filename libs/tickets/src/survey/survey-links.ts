import { Inject, Injectable } from '@nestjs/common';
import type { OutboundMessage } from '@app/channels';
import { AppSecretsRepository } from '../agents/app-secrets.repository.js';
import { CORE_CONFIG } from '../config/core-config.token.js';
import type { CoreConfig } from '../config/core-config.js';
import { DeliveryRefusedError } from '../errors.js';
import { escapeHtml } from '../text/escape-html.js';
import { SURVEY_LINK_PLACEHOLDER, surveyUrl, verifiedSurveyId } from './survey-rules.js';
import { SurveysRepository } from './surveys.repository.js';

const KEY_NAME = 'satisfaction-survey-key';

/** Survey links: signed with a key every process shares, so none is stored and none sits on the timeline. */
@Injectable()
export class SurveyLinks {
  private key?: Promise<string>;

  constructor(
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
    private readonly secrets: AppSecretsRepository,
    private readonly surveys: SurveysRepository,
  ) {}

  /** The survey message as it leaves: the real link in place of the placeholder (and for the chat's buttons). */
  async complete(message: OutboundMessage, messageId: string): Promise<OutboundMessage> {
    const survey = await this.surveys.findByMessageId(messageId);
    if (!survey) throw new DeliveryRefusedError(`no survey belongs to message ${messageId}`);
    const link = surveyUrl(this.config.publicBaseUrl, await this.signingKey(), survey.id);
    return { ...message, text: message.text.replaceAll(SURVEY_LINK_PLACEHOLDER, link), html: message.html.replaceAll(SURVEY_LINK_PLACEHOLDER, escapeHtml(link)), surveyUrl: link };
  }

  /** The survey id of a link's `id` and `firma`, when they are ours. */
  async verify(id: unknown, signature: unknown): Promise<string | undefined> {
    return verifiedSurveyId(await this.signingKey(), id, signature);
  }

  private signingKey(): Promise<string> {
    this.key ??= this.secrets.getOrCreate(KEY_NAME).catch((error: unknown) => {
      this.key = undefined;
      throw error;
    });
    return this.key;
  }
}
