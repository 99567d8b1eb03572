import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends bytes exactly as given (a method no library would send, `..` that fetch would resolve, bytes that are
 * not UTF-8) over one connection to 127.0.0.1 and reads the answer until the server closes it. `undefined`
 * when the server closed the connection without answering.
 */
export function rawRequest(origin: string, request: Buffer | string, timeoutMs = 5_000): Promise<RawResponse | undefined> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    const chunks: Buffer[] = [];
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no complete answer within ${timeoutMs} ms`)));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? resolve(parse(Buffer.concat(chunks))) : reject(error)));
    socket.on('end', () => resolve(parse(Buffer.concat(chunks))));
    socket.write(request);
  });
}

/** A request in HTTP/1.1 wire form that asks the server to close the connection after answering. */
export function wireRequest(method: string, path: string, headers: Record<string, string | Buffer> = {}, body: Buffer | string = ''): Buffer {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const lines = [`${method} ${path} HTTP/1.1`, 'host: 127.0.0.1', 'connection: close', 'user-agent: authflow-hostile/1.0 qa@authflow.test'];
  const head = [
    ...lines.map((line) => Buffer.from(`${line}\r\n`, 'latin1')),
    ...Object.entries(headers).map(([name, value]) => Buffer.concat([Buffer.from(`${name}: `, 'latin1'), Buffer.isBuffer(value) ? value : Buffer.from(value, 'latin1'), Buffer.from('\r\n')])),
  ];
  if (bytes.length > 0 || ['POST', 'PUT', 'PATCH'].includes(method)) head.push(Buffer.from(`content-length: ${bytes.length}\r\n`));
  return Buffer.concat([...head, Buffer.from('\r\n'), bytes]);
}

function parse(raw: Buffer): RawResponse | undefined {
  const split = raw.indexOf('\r\n\r\n');
  if (split < 0) return undefined;
  const [statusLine = '', ...headerLines] = raw.subarray(0, split).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = raw.subarray(split + 4);
  if (headers['transfer-encoding'] === 'chunked') body = dechunk(body);
  return { status: Number(statusLine.split(' ')[1]), headers, body: body.toString('utf8') };
}

function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const end = body.indexOf('\r\n', offset);
    const size = Number.parseInt(body.subarray(offset, end).toString('latin1'), 16);
    if (!size) return Buffer.concat(parts);
    parts.push(body.subarray(end + 2, end + 2 + size));
    offset = end + 2 + size + 2;
  }
}
