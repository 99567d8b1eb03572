import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';

/** An error answer in a family's own shape: the status, the content type and the exact body. */
export interface WireError {
  contentType: string;
  body: string;
}

/** How a family words an error that happens before any of its routes could run. */
export type RenderWireError = (status: number, message: string) => WireError;

/**
 * Server options that keep Fastify's own error bodies off the wire. Two kinds of bad input never reach a route or
 * the error handler: what Node's HTTP parser refuses (headers over the size limit, a method HTTP does not know,
 * bytes a header may not hold) and a URL whose percent-encoding does not decode. Both get the family's shape here.
 */
export function wireErrorOptions(render: RenderWireError): Pick<FastifyServerOptions, 'clientErrorHandler' | 'frameworkErrors'> {
  return {
    clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket) {
      if (!socket.writable) return;
      const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
      const { contentType, body } = render(status, status === 431 ? 'Request header fields too large' : 'Bad request');
      socket.end(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nconnection: close\r\ncontent-type: ${contentType}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    },
    frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
      const { contentType, body } = render(400, error.code === 'FST_ERR_BAD_URL' ? 'The URL is not valid' : 'Bad request');
      void reply.code(400).header('content-type', contentType).send(Buffer.from(body, 'utf8'));
    },
  };
}
