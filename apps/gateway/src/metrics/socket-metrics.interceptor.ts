import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { tap, type Observable } from 'rxjs';
import type { Socket } from 'socket.io';
import { socketEventDuration } from '@app/platform';

/**
 * Times each socket.io event a gateway handles; an ack carrying `error` counts as one, as does a
 * throw. Put on the socket gateways, not registered globally: any global interceptor makes Nest run
 * every HTTP request through rxjs and an async scope of its own (4-5 % of the gateway's busy time
 * under the webhook load, docs/performance.md).
 */
@Injectable()
export class SocketMetricsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const ws = context.switchToWs();
    const labels = { namespace: ws.getClient<Socket>().nsp.name, event: String(ws.getPattern()) };
    const stop = socketEventDuration.startTimer(labels);
    return next.handle().pipe(
      tap({
        next: (ack) => stop({ result: isErrorAck(ack) ? 'error' : 'ok' }),
        error: () => stop({ result: 'error' }),
      }),
    );
  }
}

function isErrorAck(ack: unknown): boolean {
  return typeof ack === 'object' && ack !== null && 'error' in ack;
}
