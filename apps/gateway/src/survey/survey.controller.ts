import { Body, Controller, Get, HttpCode, Inject, Options, Post, Query, Req, Res } from '@nestjs/common';
import { parseRating, SatisfactionSurveysService, SURVEY_PATH, type SurveyAnswerResult } from '@app/tickets';
import type { SurveyAnswerAck } from '@app/channels';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';
import { allowWidgetOrigin, answerWidgetPreflight } from '../http/widget-cors.js';
import { sendPublicPage } from '../web/public-page.js';
import { renderSurveyPage, type SurveyLinkFields } from './survey-page.js';

/** Why an answer did not count, as the customer reads it. */
const REFUSALS_ES: Record<Extract<SurveyAnswerResult, { ok: false }>['reason'], { status: number; message: string }> = {
  unknown: { status: 404, message: 'No reconocemos este enlace de encuesta.' },
  already_answered: { status: 409, message: 'Ya habíamos registrado tu calificación de este ticket; solo cuenta la primera.' },
  not_rated: { status: 409, message: 'Primero elige una calificación.' },
  already_commented: { status: 409, message: 'Ya recibimos tu comentario; gracias.' },
  comment_too_long: { status: 400, message: 'El comentario es demasiado largo.' },
};

/**
 * The satisfaction survey behind its signed link (no agent token): a page for mail and SMS, and the
 * same POST answers the chat widget's buttons with JSON (`Accept: application/json`).
 */
@Controller(SURVEY_PATH.slice(1))
export class SurveyController {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly surveys: SatisfactionSurveysService,
  ) {}

  /**
   * The page; or, with `Accept: application/json`, where the survey stands, for the chat widget: a
   * card drawn again after a reload shows the answer given instead of offering the buttons again.
   */
  @Public()
  @Get()
  async show(@Query('id') id: unknown, @Query('firma') firma: unknown, @Req() request: Request, @Res() response: Response): Promise<void> {
    const view = await this.surveys.inspect(id, firma);
    if (request.accepts(['html', 'json']) !== 'json') {
      sendPublicPage(response, renderSurveyPage(view, linkFields(id, firma)));
      return;
    }
    allowWidgetOrigin(request, response, this.config.chat.allowedOrigins);
    if (view.state === 'unknown') response.status(404).json({ ok: false, code: 'survey_unknown', message: REFUSALS_ES.unknown.message } satisfies SurveyAnswerAck);
    else response.status(200).json({ ok: true, rating: view.rating, comment: view.commented } satisfies SurveyAnswerAck);
  }

  /** CORS preflight of the widget's JSON answer, for the pages allowed to embed it. */
  @Public()
  @Options()
  @HttpCode(204)
  preflight(@Req() request: Request, @Res({ passthrough: true }) response: Response): void {
    answerWidgetPreflight(request, response, this.config.chat.allowedOrigins, 'content-type, accept');
  }

  /** `calificacion` (1-5) rates once; `comentario` adds the optional comment after. The link's `id` and `firma` come in the form or the query. */
  @Public()
  @Post()
  async answer(@Body() body: unknown, @Query() query: Record<string, unknown>, @Req() request: Request, @Res() response: Response): Promise<void> {
    allowWidgetOrigin(request, response, this.config.chat.allowedOrigins);
    const fields = { ...query, ...((body ?? {}) as Record<string, unknown>) };
    const link = linkFields(fields.id, fields.firma);
    const rating = parseRating(fields.calificacion);
    const comment = typeof fields.comentario === 'string' ? fields.comentario : undefined;
    const result =
      rating !== undefined
        ? await this.surveys.rate(fields.id, fields.firma, rating)
        : comment !== undefined
          ? await this.surveys.comment(fields.id, fields.firma, comment)
          : undefined;
    const wantsJson = request.accepts(['html', 'json']) === 'json';
    if (!result) {
      const message = 'Elige una calificación del 1 al 5.';
      if (wantsJson) response.status(400).json({ ok: false, code: 'survey_rating', message } satisfies SurveyAnswerAck);
      else sendPublicPage(response, { ...renderSurveyPage(await this.surveys.inspect(fields.id, fields.firma), link), status: 400 });
      return;
    }
    if (result.ok) {
      if (wantsJson) response.status(200).json({ ok: true, rating: result.view.rating, comment: result.view.commented } satisfies SurveyAnswerAck);
      else sendPublicPage(response, renderSurveyPage(result.view, link));
      return;
    }
    const refusal = REFUSALS_ES[result.reason];
    if (wantsJson) {
      response.status(refusal.status).json({ ok: false, code: `survey_${result.reason}`, message: refusal.message } satisfies SurveyAnswerAck);
      return;
    }
    // The page shows where things stand (the rating already given), with why this answer did not count.
    const page = renderSurveyPage(await this.surveys.inspect(fields.id, fields.firma), link, refusal.message);
    sendPublicPage(response, result.reason === 'unknown' ? page : { ...page, status: refusal.status });
  }

}

function linkFields(id: unknown, firma: unknown): SurveyLinkFields {
  return { id: typeof id === 'string' ? id : '', firma: typeof firma === 'string' ? firma : '' };
}
