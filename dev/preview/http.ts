// Small HTTP helpers for the preview server: JSON bodies with a size limit, JSON answers,
// and an error type that carries its status code.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** An error the client caused (or a limit it hit): answered with `status` and `{ error }`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const MAX_BODY = 1024 * 1024;

/** Read a request body as JSON (an object), at most `limit` bytes. */
export function readJson(req: IncomingMessage, limit = MAX_BODY): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (declared > limit) {
      req.resume();
      reject(new HttpError(413, `request body too large: ${declared} bytes (limit ${limit})`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      if (tooLarge) return reject(new HttpError(413, `request body too large: over ${limit} bytes`));
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return reject(new HttpError(400, 'request body is empty: send a JSON object'));
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch (e) {
        return reject(new HttpError(400, `malformed JSON in request body: ${(e as Error).message}`));
      }
      if (body === null || typeof body !== 'object' || Array.isArray(body)) {
        return reject(
          new HttpError(
            400,
            `request body must be a JSON object, got ${Array.isArray(body) ? 'an array' : JSON.stringify(body)}`,
          ),
        );
      }
      resolve(body as Record<string, unknown>);
    });
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

export function sendText(
  res: ServerResponse,
  status: number,
  type: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(body);
}
