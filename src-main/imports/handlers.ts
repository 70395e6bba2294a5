import { ApiError } from '../../src-shared/errors';
import { requireUser, type CallContext, type Handlers } from '../kernel/call';
import type { Database } from '../db';
import type { ImportService } from './import-service';
import { canonicalFolder } from '../kernel/folders';
import { folderOf, type FolderSources } from './folder-sources';
import { CellError } from './cell-values';
import { createFileShop } from './order-writer';

type ImportCalls =
  | 'imports.upload' | 'imports.status' | 'imports.cancel' | 'imports.jobs' | 'imports.rejects' | 'imports.rejectReport'
  | 'imports.preview' | 'imports.templates' | 'imports.saveTemplate' | 'imports.deleteTemplate' | 'imports.sources'
  | 'imports.saveSource' | 'imports.deleteSource' | 'imports.runSource';

function decode(b64: string, ctx: CallContext): Buffer {
  const buf = Buffer.from(b64, 'base64');
  if (!buf.length) throw new ApiError('invalid_input', ctx.say('文件是空的', 'the file is empty'), 'contentBase64');
  return buf;
}

function job(imports: ImportService, jobId: string, ctx: CallContext) {
  const j = imports.status(jobId, ctx.locale);
  if (!j) throw new ApiError('not_found', ctx.say(`导入任务 ${jobId} 不存在`, `no import job ${jobId}`), 'jobId');
  return j;
}

export function importHandlers({ db, imports, importSources }: { db: Database; imports: ImportService; importSources: FolderSources }): Pick<Handlers, ImportCalls> {
  return {
    'imports.upload': (input, ctx) => {
      const user = requireUser(ctx);
      if (input.templateId && !imports.templates.find(input.templateId)) {
        throw new ApiError('invalid_input', ctx.say(`模板 ${input.templateId} 不存在`, `no template ${input.templateId}`), 'templateId');
      }
      if (input.channelId && !db.sqlite.prepare('SELECT 1 FROM channels WHERE id = ?').get(input.channelId)) {
        throw new ApiError('invalid_input', ctx.say(`店铺 ${input.channelId} 不存在`, `no channel ${input.channelId}`), 'channelId');
      }
      // A new format mapped for this import only: checked like a template, kept nowhere (imports.run is enough).
      const once = input.once ? imports.templates.once(ctx.say, input.once) : null;
      const buf = decode(input.contentBase64, ctx);
      let channelId = input.channelId ?? null;
      if (input.newShop) {
        // The user names the shop the file goes into; one of that name and platform already there is picked, not doubled.
        const same = db.sqlite.prepare('SELECT id FROM channels WHERE kind = ? AND name = ?').pluck().get(input.newShop.kind, input.newShop.name) as string | undefined;
        channelId = same ?? createFileShop(db, ctx.write(), input.newShop.name, input.newShop.kind);
      }
      const jobId = imports.start({
        fileName: input.fileName, buf, templateId: input.templateId, once, channelId,
        allOrNothing: input.allOrNothing, actor: { id: user.id, name: user.username }, call: 'imports.upload',
      });
      return { jobId, channelId };
    },
    'imports.status': (input, ctx) => job(imports, input.jobId, ctx),
    'imports.cancel': (input, ctx) => {
      job(imports, input.jobId, ctx);
      imports.cancel(input.jobId);
      return job(imports, input.jobId, ctx);
    },
    'imports.jobs': (input, ctx) => imports.jobs.list(input.limit, ctx.locale),
    'imports.rejects': (input, ctx) => {
      job(imports, input.jobId, ctx);
      return imports.jobs.rejects(input.jobId, input.offset, input.limit, ctx.locale);
    },
    'imports.rejectReport': async (input, ctx) => {
      job(imports, input.jobId, ctx);
      const r = (await imports.rejectReport(input.jobId, ctx.locale))!;
      return { fileName: r.fileName, contentBase64: r.content.toString('base64') };
    },
    'imports.preview': async (input, ctx) => {
      try {
        return await imports.preview(input.fileName, decode(input.contentBase64, ctx));
      } catch (e) {
        if (e instanceof CellError) throw new ApiError('invalid_input', ctx.say(e.zh, e.en), 'contentBase64');
        if ((e as { empty?: boolean }).empty) throw new ApiError('invalid_input', ctx.say('文件是空的', 'the file is empty'), 'contentBase64');
        throw e;
      }
    },
    'imports.templates': () => imports.templates.list(),
    'imports.saveTemplate': (input, ctx) => imports.templates.save(ctx.write(), ctx.say, input),
    'imports.deleteTemplate': (input, ctx) => {
      imports.templates.delete(ctx.write(), ctx.say, input.id);
      return { ok: true as const };
    },
    'imports.sources': (_input, ctx) => importSources.list(ctx.locale),
    'imports.saveSource': async (input, ctx) => {
      const user = requireUser(ctx);
      // Which folder on this PC or its shares the app reads is chosen by a role with settings.folders.
      const folder = canonicalFolder(input.folder, ctx.say);
      if (folder !== folderOf(db, input.id) && !user.permissions.includes('settings.folders')) {
        db.writes.record(ctx.write(), { entity: 'import_sources', entityId: input.id ?? null, action: 'forbidden', after: { permission: 'settings.folders', field: 'folder', role: user.role } });
        throw new ApiError('forbidden', ctx.say('只有老板可以指定导入文件夹（需要“指定导出和导入用的文件夹”权限）', 'only the owner chooses import folders (needs settings.folders)'), 'folder');
      }
      const saved = await importSources.save(ctx.say, user.id, input, ctx.locale);
      db.writes.record(ctx.write(), { entity: 'import_sources', entityId: saved.id, action: input.id ? 'update' : 'insert', after: input });
      return saved;
    },
    'imports.deleteSource': async (input, ctx) => {
      if (!(await importSources.delete(input.id))) throw new ApiError('not_found', ctx.say('来源不存在', 'no such source'), 'id');
      db.writes.record(ctx.write(), { entity: 'import_sources', entityId: input.id, action: 'delete' });
      return { ok: true as const };
    },
    'imports.runSource': async (input, ctx) => {
      if (!importSources.list(ctx.locale).some((s) => s.id === input.id)) throw new ApiError('not_found', ctx.say('来源不存在', 'no such source'), 'id');
      return { jobIds: await importSources.scan(input.id) };
    },
  };
}
