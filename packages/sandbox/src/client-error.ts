import type { Duplex } from 'node:stream';
import { type GatewayName, gatewayOf, parameterErrorBody } from './envelopes.js';

/** What Node's HTTP parser attaches to the errors it emits as `clientError`. */
export interface HttpParserError extends Error {
  code?: string | undefined;
  reason?: string | undefined;
  rawPacket?: Buffer | undefined;
}

const STATUS: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout'],
};

/** The request path in the packet Node could not parse, if its request line is there. */
function pathOf(packet: Buffer | undefined): string | undefined {
  if (!packet) return undefined;
  const line = /^[^\s]{1,32} +([^\s]{1,8192})/.exec(packet.subarray(0, 8300).toString('latin1'));
  const target = line?.[1];
  if (target === undefined) return undefined;
  // Absolute form (`GET http://host/path`): the path starts after the authority.
  const path = /^[a-z][a-z\d+.-]*:\/\/[^/]*(\/.*)?$/i.exec(target)?.[1] ?? target;
  return path.split('?', 1)[0];
}

function detailOf(error: HttpParserError): string {
  const reason = error.reason ?? error.message;
  const hint =
    error.code === 'HPE_INVALID_METHOD'
      ? '; HTTP methods are upper case (GET, POST)'
      : error.code === 'HPE_INVALID_URL'
        ? '; percent-encode characters outside ASCII in the URL'
        : '';
  return `malformed HTTP request: ${reason} (${error.code ?? 'unknown'})${hint}`;
}

/**
 * A complete HTTP/1.1 answer to a request Node could not parse, in the envelope of the gateway its
 * path belongs to (the parameter error: Kingdee 2000001000, Winit 1001), or a neutral JSON error.
 * The connection closes after it: the parser cannot find where the next request starts.
 */
export function clientErrorResponse(error: HttpParserError): string {
  const [status, text] = STATUS[error.code ?? ''] ?? [400, 'Bad Request'];
  const path = pathOf(error.rawPacket);
  const gateway: GatewayName | undefined = path === undefined ? undefined : gatewayOf(path);
  const body = JSON.stringify(parameterErrorBody(gateway, detailOf(error), 'bad_request'));
  return [
    `HTTP/1.1 ${status} ${text}`,
    'Content-Type: application/json;charset=UTF-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/**
 * Node's `clientError` handler: answers in the envelope when Node's own handler would answer its
 * bare 400 (no answer in flight on the connection has begun; a kept-alive connection has earlier
 * answers behind it), and otherwise (the socket reset, or an answer already begun) only closes it.
 */
export function answerClientError(error: HttpParserError, socket: Duplex): void {
  // Node's own test (lib/_http_server.js socketOnError): the in-flight response, if any.
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } | null })
    ._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  socket.once('finish', () => socket.destroy());
  socket.end(clientErrorResponse(error));
}
