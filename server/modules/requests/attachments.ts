import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from 'koa';
import { z } from 'zod';
import { Problem, problems } from '../../http/problem.js';
import { audit } from '../audit/service.js';
import type { AuthUser } from '../identity/service.js';
import { openRequest, type RequestFacts } from './access.js';
import { visibleAttachments } from './service.js';
import type { RequestState } from './workflow.js';

/** The file types a request may carry (PDF, images, office documents), recognised by their content, not their name. */
const types = {
  pdf: { mediaType: 'application/pdf', ext: 'pdf' },
  png: { mediaType: 'image/png', ext: 'png' },
  jpeg: { mediaType: 'image/jpeg', ext: 'jpg' },
  gif: { mediaType: 'image/gif', ext: 'gif' },
  tiff: { mediaType: 'image/tiff', ext: 'tif' },
  webp: { mediaType: 'image/webp', ext: 'webp' },
  docx: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx' },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx' },
  pptx: { mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', ext: 'pptx' },
  odt: { mediaType: 'application/vnd.oasis.opendocument.text', ext: 'odt' },
  ods: { mediaType: 'application/vnd.oasis.opendocument.spreadsheet', ext: 'ods' },
  doc: { mediaType: 'application/msword', ext: 'doc' },
  xls: { mediaType: 'application/vnd.ms-excel', ext: 'xls' },
} as const;
type FileType = (typeof types)[keyof typeof types];

const startsWith = (data: Buffer, bytes: number[] | string, at = 0) =>
  (typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes)).equals(data.subarray(at, at + bytes.length));

/** The type of a file from its first bytes (and, for ZIP and OLE containers, what they hold), or null when not allowed. */
export function sniff(data: Buffer, name: string): FileType | null {
  if (startsWith(data, '%PDF-')) return types.pdf;
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return types.png;
  if (startsWith(data, [0xff, 0xd8, 0xff])) return types.jpeg;
  if (startsWith(data, 'GIF87a') || startsWith(data, 'GIF89a')) return types.gif;
  if (startsWith(data, [0x49, 0x49, 0x2a, 0x00]) || startsWith(data, [0x4d, 0x4d, 0x00, 0x2a])) return types.tiff;
  if (startsWith(data, 'RIFF') && startsWith(data, 'WEBP', 8)) return types.webp;
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04])) {
    // OpenDocument stores its media type uncompressed as the first entry; Office Open XML names its parts by folder.
    if (startsWith(data, 'mimetype', 30)) {
      const declared = data.subarray(38, 38 + 60).toString('latin1');
      if (declared.startsWith(types.odt.mediaType)) return types.odt;
      if (declared.startsWith(types.ods.mediaType)) return types.ods;
      return null;
    }
    if (!data.includes('[Content_Types].xml')) return null;
    if (data.includes('word/')) return types.docx;
    if (data.includes('xl/')) return types.xlsx;
    if (data.includes('ppt/')) return types.pptx;
    return null;
  }
  if (startsWith(data, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return /\.xls$/i.test(name) ? types.xls : types.doc;
  return null;
}

/**
 * A file name safe to store and to offer for download: no folders, control or reserved characters, at most 150
 * characters, ending in the extension of the type the content really is.
 */
export function sanitiseName(name: string, type: FileType): string {
  const base = name.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\p{Cc}\p{Cf}<>:"|?*]/gu, '').replace(/\s+/g, ' ').replace(/^[\s.]+|[\s.]+$/g, '');
  const stem = cleaned.replace(/\.[A-Za-z0-9]{1,5}$/, '').slice(0, 140).trim() || 'attachment';
  return `${stem}.${type.ext}`;
}

/** Reads a request body up to `limit` bytes; a larger one is refused with 413 before it is all read. */
export async function readBody(stream: Readable, limit: number, declaredLength?: number): Promise<Buffer> {
  const tooLarge = () => new Problem(413, 'Payload too large', `A file may be at most ${Math.floor(limit / 1_048_576)} MB.`);
  if (declaredLength !== undefined && declaredLength > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      stream.destroy();
      throw tooLarge();
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const closed: RequestState[] = ['CLOSED', 'WITHDRAWN'];

/**
 * Stores a file on a request for the user's side: the requester while drafting or later with a message, the responder
 * once it accepted. It stays with the user's authority until the side's next step releases it.
 */
export async function uploadAttachment(em: EntityManager, user: AuthUser, requestId: string, name: string, data: Buffer, ip: string | null) {
  const { facts, viewer, standing: s } = await openRequest(em, user, requestId);
  const handler = s.parties.has('requester-handler') || (s.parties.has('responder-handler') && s.personal);
  if (!handler) throw problems.forbidden('Only the request handlers of the two authorities attach files, the responding one once it accepted.');
  if (closed.includes(facts.status)) throw problems.conflict(`Files are not added to a request that is ${facts.status}.`);
  if (!data.length) throw problems.invalid([{ path: 'body', in: 'body', message: 'The file is empty' }]);
  const type = sniff(data, name);
  if (!type) {
    throw new Problem(415, 'Unsupported media type', 'Attach PDF files, images (PNG, JPEG, GIF, TIFF, WebP) or office documents (Word, Excel, PowerPoint, OpenDocument).',
      [{ path: 'body', in: 'body', message: 'The content is not a PDF, image or office document' }]);
  }
  const id = crypto.randomUUID();
  const stored = sanitiseName(name, type);
  const sha256 = createHash('sha256').update(data).digest('hex');
  await em.execute(
    `insert into attachment (id, request_id, authority_id, uploaded_by, name, media_type, size, sha256, content, created_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, now())`,
    [id, requestId, user.authorityId, user.id, stored, type.mediaType, data.length, sha256, data],
  );
  audit(em, { action: 'attachment.upload', actorId: user.id, actorEmail: user.email, authorityId: user.authorityId, record: { type: 'request', id: requestId }, fields: [`attachment:${id}`], purpose: s.purpose, ip });
  await em.flush();
  const visible = await visibleAttachments(em, requestId, viewer, facts);
  return visible.find((a) => a.view.id === id)!.view;
}

/** The answer to a download of a request's file once its personal data are blocked (SPEC §5.4). */
function blockedProblem(facts: RequestFacts) {
  const since = (facts.blockedFrom ?? facts.personalDataDeletedAt)?.toISOString().slice(0, 10);
  return problems.forbidden(`The personal data of this request are blocked since ${since}: its attachments are no longer shown to anyone.`);
}

/** A file for download, to users who may see the request's personal data and the file; every download is audited. */
export async function downloadAttachment(em: EntityManager, user: AuthUser, id: string, ip: string | null) {
  const [row] = await em.execute<{ request_id: string; authority_id: string; released_at: Date | null; name: string; media_type: string; content: Buffer }[]>(
    'select request_id, authority_id, released_at, name, media_type, content from attachment where id = ?', [id]);
  const notFound = problems.notFound('There is no attachment with this id.');
  if (!row) throw notFound;
  const { facts, standing: s } = await openRequest(em, user, row.request_id).catch((error: unknown) => {
    throw error instanceof Problem && error.status === 404 ? notFound : error;
  });
  if (row.released_at === null && row.authority_id !== user.authorityId) throw notFound;
  if (s.blocked) throw blockedProblem(facts);
  if (!s.personal) throw problems.forbidden('Attachments are personal data: you see them only once your authority takes part in the request.');
  audit(em, { action: 'attachment.download', actorId: user.id, actorEmail: user.email, authorityId: user.authorityId, record: { type: 'request', id: row.request_id }, fields: [`attachment:${id}`], purpose: s.purpose, ip });
  await em.flush();
  return { name: row.name, mediaType: row.media_type, content: row.content };
}

/** A file as a download route answers it: its name, type and bytes. */
export const fileSchema = z.object({ name: z.string(), mediaType: z.string(), content: z.instanceof(Buffer) });

/**
 * How every download route sends a file: as an attachment under its name (ASCII fallback and UTF-8), never cached,
 * and sandboxed so that a file opened in the browser runs nothing.
 */
export const sendFile = {
  mediaType: 'application/octet-stream',
  write: (ctx: Context, file: z.output<typeof fileSchema>) => {
    ctx.type = file.mediaType;
    ctx.set('Content-Disposition', `attachment; filename="${file.name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.name)}`);
    ctx.set('Cache-Control', 'private, no-store');
    ctx.set('Content-Security-Policy', "sandbox; default-src 'none'");
    ctx.body = file.content;
  },
};
