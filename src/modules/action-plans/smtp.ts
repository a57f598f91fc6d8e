import { randomBytes } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';

/**
 * A minimal SMTP client (RFC 5321) for reminder mail: `smtp://[user:pass@]host[:port]` (STARTTLS when the
 * server offers it) or `smtps://…` (implicit TLS). Plain text, UTF-8, base64 body. No dependency, no binaries.
 */
export interface MailMessage {
  from: string;
  to: readonly string[];
  subject: string;
  text: string;
}

export class SmtpError extends Error {
  constructor(
    message: string,
    readonly code?: number,
  ) {
    super(message);
    this.name = 'SmtpError';
  }
}

const clean = (s: string) => s.replace(/[\r\n]+/g, ' ').trim();
const ADDRESS = /^[^\s<>@",;]+@[^\s<>@",;]+$/;

const encodeHeader = (s: string) => (/^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`);

function base64Lines(text: string): string {
  const b = Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'utf8').toString('base64');
  return b.match(/.{1,76}/g)?.join('\r\n') ?? '';
}

export function buildMessage(msg: MailMessage, now: Date, host: string): string {
  return [
    `From: ${clean(msg.from)}`,
    `To: ${msg.to.map(clean).join(', ')}`,
    `Subject: ${encodeHeader(clean(msg.subject))}`,
    `Date: ${now.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${randomBytes(12).toString('hex')}@${clean(host) || 'mutu'}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(msg.text),
  ].join('\r\n');
}

/** Reads whole (possibly multi-line) replies from a socket. */
class ReplyReader {
  private buffer = '';
  private lines: string[] = [];
  private ready: { code: number; lines: string[] }[] = [];
  private waiting: { resolve: (r: { code: number; lines: string[] }) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;

  attach(socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      let i = this.buffer.indexOf('\n');
      while (i >= 0) {
        const line = this.buffer.slice(0, i).replace(/\r$/, '');
        this.buffer = this.buffer.slice(i + 1);
        this.lines.push(line);
        if (/^\d{3}( |$)/.test(line)) {
          this.ready.push({ code: Number(line.slice(0, 3)), lines: this.lines });
          this.lines = [];
          this.flush();
        }
        i = this.buffer.indexOf('\n');
      }
    });
    const fail = (e: Error) => {
      this.failure ??= e;
      this.flush();
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new SmtpError('SMTP connection closed')));
  }

  private flush() {
    if (!this.waiting) return;
    const w = this.waiting;
    const r = this.ready.shift();
    if (r) {
      this.waiting = null;
      w.resolve(r);
    } else if (this.failure) {
      this.waiting = null;
      w.reject(this.failure);
    }
  }

  next(): Promise<{ code: number; lines: string[] }> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.flush();
    });
  }
}

export async function sendMail(url: string, msg: MailMessage, opts: { timeoutMs?: number; now?: Date } = {}): Promise<void> {
  const u = new URL(url);
  const secure = u.protocol === 'smtps:';
  if (!secure && u.protocol !== 'smtp:') throw new SmtpError(`Unsupported mail URL scheme ${u.protocol}`);
  const to = msg.to.map(clean).filter((a) => ADDRESS.test(a));
  if (!to.length) throw new SmtpError('No valid recipient');
  const from = clean(msg.from).replace(/^.*<([^>]+)>.*$/, '$1');
  const host = u.hostname;
  const port = Number(u.port || (secure ? 465 : 25));
  const timeout = opts.timeoutMs ?? 15_000;

  let socket: net.Socket = await new Promise<net.Socket>((resolve, reject) => {
    const s = secure ? tls.connect({ host, port, servername: host }) : net.connect({ host, port });
    s.once(secure ? 'secureConnect' : 'connect', () => resolve(s));
    s.once('error', reject);
  });
  const arm = (s: net.Socket) => s.setTimeout(timeout, () => s.destroy(new SmtpError('SMTP timeout')));
  arm(socket);
  let reader = new ReplyReader();
  reader.attach(socket);

  const expect = async (ok: (code: number) => boolean, what: string) => {
    const r = await reader.next();
    if (!ok(r.code)) throw new SmtpError(`SMTP ${what} refused: ${r.lines.join(' ')}`, r.code);
    return r;
  };
  const command = async (line: string, ok: (code: number) => boolean, what: string) => {
    socket.write(`${line}\r\n`);
    return expect(ok, what);
  };
  const is2 = (c: number) => c >= 200 && c < 300;

  try {
    await expect(is2, 'greeting');
    const ehlo = await command('EHLO mutu.local', is2, 'EHLO');
    if (!secure && ehlo.lines.some((l) => /^\d{3}[- ]STARTTLS\b/i.test(l))) {
      await command('STARTTLS', is2, 'STARTTLS');
      socket.removeAllListeners('data');
      socket.removeAllListeners('close');
      const plain = socket;
      socket = await new Promise<net.Socket>((resolve, reject) => {
        const s = tls.connect({ socket: plain, servername: host }, () => resolve(s));
        s.once('error', reject);
      });
      arm(socket);
      reader = new ReplyReader();
      reader.attach(socket);
      await command('EHLO mutu.local', is2, 'EHLO');
    }
    if (u.username) {
      const token = Buffer.from(`\u0000${decodeURIComponent(u.username)}\u0000${decodeURIComponent(u.password)}`).toString(
        'base64',
      );
      await command(`AUTH PLAIN ${token}`, (c) => c === 235, 'AUTH');
    }
    await command(`MAIL FROM:<${from}>`, is2, 'MAIL FROM');
    for (const r of to) await command(`RCPT TO:<${r}>`, is2, 'RCPT TO');
    await command('DATA', (c) => c === 354, 'DATA');
    // Base64 body lines never start with ".", so no dot-stuffing is needed; headers are cleaned above.
    await command(`${buildMessage({ ...msg, to }, opts.now ?? new Date(), host)}\r\n.`, is2, 'message');
    socket.write('QUIT\r\n');
  } finally {
    socket.end();
    socket.destroy();
  }
}
