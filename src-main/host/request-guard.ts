import type { IncomingMessage, ServerResponse } from 'node:http';
import { isWellFormed } from '../../src-shared/unicode';
import { pickLocale, say, type Locale } from '../kernel/i18n';
import { parseJsonBody } from '../kernel/json-body';

/** Ordinary calls: the whole JSON body, read before anybody is authenticated. */
export const BODY_LIMIT = 1024 * 1024;
/**
 * Calls that carry a file (base64 inside the JSON): their own cap, and only for a session whose
 * role may make the call, checked before the first byte of the body is read. 50 MB of file is
 * ~67 MB of base64; the spreadsheet limits (imports/sheet-limits.ts) apply after that.
 */
export const UPLOAD_LIMIT = 70 * 1024 * 1024;
export const UPLOAD_CALLS: ReadonlySet<string> = new Set(['imports.upload', 'imports.preview']);

export interface GuardOptions {
  /** The port the host listens on (known once it listens). */
  port(): number;
  /**
   * Extra names the owner lets the host answer to (`--allow-host office-pc.lan`), e.g. behind a
   * reverse proxy. A name without a port matches any port.
   */
  allowedHosts?: readonly string[] | undefined;
  /** May this token make this call? Asked before an upload body is read. */
  mayCall(call: string, token: string | null): Promise<boolean> | boolean;
}

/** A request that passed the checks: its decoded path and, for /api/<call>, the call name. */
export interface Checked {
  path: string;
  call: string | null;
  token: string | null;
  locale: Locale;
  /** Who is asking, for sign-in throttling: the peer address. */
  source: string;
  /**
   * Reads the JSON body under the call's limit. Answers 400/401/413 itself and resolves
   * `undefined` when the request was refused. An upload comes back unparsed (`json`): its
   * megabytes are parsed by the worker that takes the call, so the front's loop never holds them
   * (turning 18 MB into a string and parsing it took 100–170 ms).
   */
  readBody(): Promise<{ value: unknown } | { json: Uint8Array } | undefined>;
}

/**
 * The headless host's front door (house plan invariant 2): it answers only its own Host and
 * Origin, takes POST bodies only as application/json, caps bodies before sign-in, and turns
 * malformed URLs and JSON into 400s. A page on another site or a DNS-rebound name never reaches
 * the dispatcher. `check` answers refused requests itself and returns null for them.
 */
export function createRequestGuard(opts: GuardOptions) {
  const extra = (opts.allowedHosts ?? []).map((h) => h.trim().toLowerCase()).filter(Boolean);

  function hostAllowed(host: string): boolean {
    const port = String(opts.port());
    // Browsers leave out the port when it is the scheme's default.
    const h = /:\d+$/.test(host.trim()) || port !== '80' ? host.trim().toLowerCase() : `${host.trim().toLowerCase()}:80`;
    if (h === `127.0.0.1:${port}` || h === `localhost:${port}` || h === `[::1]:${port}`) return true;
    return extra.some((name) => (/:\d+$/.test(name) ? h === name : h === name || h.replace(/:\d+$/, '') === name));
  }

  function originAllowed(origin: string): boolean {
    let u: URL;
    try {
      u = new URL(origin);
    } catch {
      return false;
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
    if (u.pathname !== '/' || u.username || u.password) return false;
    const port = u.port || (u.protocol === 'https:' ? '443' : '80');
    const local = `${u.hostname}:${port}`;
    // Our own names with our own port; an owner-named host with the port the browser used.
    if (u.protocol === 'http:' && hostAllowed(local)) return true;
    return extra.some((name) => (/:\d+$/.test(name) ? local === name : u.hostname === name));
  }

  return {
    check(req: IncomingMessage, res: ServerResponse): Checked | null {
      const locale = pickLocale((req.headers['x-orderhub-locale'] as string | undefined) ?? req.headers['accept-language']);
      const refuse = (status: number, code: string, zh: string, en: string) => {
        drainThen(req, () => answer(res, status, { error: { code, message: say(locale, zh, en) } }));
        return null;
      };

      const host = req.headers.host;
      if (!host || !hostAllowed(host)) {
        return refuse(403, 'forbidden', `不接受主机名 "${clip(host ?? '')}" 的请求（只应答本机地址）`, `requests for host "${clip(host ?? '')}" are not answered (only this computer's own address)`);
      }
      const origin = req.headers.origin;
      if (origin !== undefined && !originAllowed(origin)) {
        return refuse(403, 'forbidden', `不接受来自其他网站（${clip(origin)}）的请求`, `requests from another site (${clip(origin)}) are refused`);
      }
      if (req.headers['sec-fetch-site'] === 'cross-site') {
        return refuse(403, 'forbidden', '不接受来自其他网站的请求', 'requests from another site are refused');
      }

      const path = decodePath(req.url ?? '');
      if (path === null) return refuse(400, 'invalid_input', '请求地址格式不正确', 'malformed request URL');
      const call = path.startsWith('/api/') ? path.slice('/api/'.length) : null;

      if (req.method === 'POST') {
        const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        if (type !== 'application/json') {
          return refuse(415, 'invalid_input', '请求内容必须是 JSON（Content-Type: application/json）', 'the request body must be JSON (Content-Type: application/json)');
        }
      }

      const auth = req.headers.authorization;
      const token = auth?.startsWith('Bearer ') ? auth.slice(7).trim() || null : null;
      const source = req.socket.remoteAddress ?? 'unknown';

      return {
        path,
        call,
        token,
        locale,
        source,
        readBody: async () => {
          const upload = call !== null && UPLOAD_CALLS.has(call);
          const limit = upload ? UPLOAD_LIMIT : BODY_LIMIT;
          const declared = Number(req.headers['content-length'] ?? NaN);
          const tooLarge = () =>
            refuse(413, 'invalid_input',
              `请求内容超过上限 ${mb(limit)}${upload ? '（文件请小于 50 MB）' : ''}`,
              `request body exceeds the ${mb(limit)} limit${upload ? ' (files must be under 50 MB)' : ''}`);
          if (Number.isFinite(declared) && declared > limit) return void tooLarge(); // drained if small enough to drain
          // An upload is read only for someone who may make the call: no anonymous 70 MB bodies.
          if (upload && !(await opts.mayCall(call, token))) {
            return void refuse(401, 'unauthenticated', '请先登录（上传文件需要导入权限）', 'sign in first (uploading a file needs the import permission)');
          }
          const body = await readLimited(req, limit);
          if (body === 'too-large') return void tooLarge();
          if (body === 'failed') return undefined;
          if (upload) return { json: body }; // handed over whole when it fills its buffer (WorkerHandle.call)
          const parsed = parseJsonBody(body, locale);
          if ('refused' in parsed) return void refuse(400, 'invalid_input', parsed.refused, parsed.refused);
          return parsed;
        },
      };
    },
  };
}

/** The path, percent-decoded; null when it is not one (a bad escape, a NUL, a scheme-relative `//x`). */
export function decodePath(raw: string): string | null {
  if (!raw.startsWith('/') || raw.startsWith('//')) return null;
  let pathname: string;
  try {
    pathname = new URL(raw, 'http://localhost').pathname;
  } catch {
    return null;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || !isWellFormed(decoded)) return null;
  return decoded;
}

/**
 * Reads at most `limit` bytes. Past the limit it keeps reading (and dropping) a little longer so
 * the client can be told why, then cuts the connection.
 */
function readLimited(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large' | 'failed'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        if (size > limit + 8 * BODY_LIMIT) {
          req.destroy();
          resolve('failed');
        }
      } else chunks.push(c);
    });
    req.on('end', () => resolve(over ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', () => resolve('failed'));
    req.on('close', () => resolve(over ? 'too-large' : 'failed')); // no-op once resolved
  });
}

/** Bodies up to this size are read and dropped before a refusal, so the client can read why. */
const DRAIN_LIMIT = 16 * 1024 * 1024;

/**
 * Answers once the request's body has been read and dropped (a client still sending would
 * otherwise get a broken pipe instead of the answer); a body too big to be worth reading gets
 * the answer at once and the connection is closed behind it.
 */
function drainThen(req: IncomingMessage, reply: () => void): void {
  if (req.complete || req.readableEnded) return reply();
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > DRAIN_LIMIT) {
    reply();
    req.destroy();
    return;
  }
  let seen = 0;
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    reply();
  };
  req.on('data', (c: Buffer) => {
    seen += c.length;
    if (seen > DRAIN_LIMIT) {
      finish();
      req.destroy();
    }
  });
  req.on('end', finish);
  req.on('error', finish);
  req.resume();
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(JSON.stringify(body));
}

const clip = (s: string) => (s.length > 80 ? `${s.slice(0, 80)}…` : s);
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
