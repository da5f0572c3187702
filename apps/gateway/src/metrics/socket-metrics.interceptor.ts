import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { tap, type Observable } from 'rxjs';
import type { Socket } from 'socket.io';
import { socketEventDuration } from '@app/platform';

/** Times each socket.io event a gateway handles; an ack carrying `error` counts as one, as does a throw. */
@Injectable()
export class SocketMetricsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'ws') return next.handle();
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
