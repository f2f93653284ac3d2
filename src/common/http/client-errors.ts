import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorFormat } from '../../config/settings.js';
import { DetailMessages } from '../errors/messages.js';

/**
 * Requests Node's HTTP parser refuses before any route sees them (headers or
 * URL over 16 KiB, malformed request lines) get the contract's error body too,
 * instead of Node's bare status line.
 */
export function answerUnparsableRequests(server: Server, format: ErrorFormat): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || error.code === 'ECONNRESET') return void socket.destroy();
    const [status, reason, detail] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large', DetailMessages.headersTooLarge]
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'Request Timeout', DetailMessages.requestTimeout]
          : [400, 'Bad Request', DetailMessages.malformedRequest];
    const body = JSON.stringify(format === 'drf' ? { detail } : { msg: { detail }, status });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
