import { uuidv7 } from '../kernel/ids';
import { IMPORT_FIELDS, type ImportKind, type ImportTemplate } from '../../src-shared/contract/imports';
import { ApiError } from '../../src-shared/errors';
import type { ChannelKind } from '../../src-shared/orders';
import type { Database, WriteContext } from '../db';
import { AMOUNT_SOURCES } from './row-mapper';
import { BUILTIN_TEMPLATES, normalizeHeader, REASON_HEADER, type TemplateDef } from './builtin-templates';

interface Row {
  id: string; name: string; kind: ImportKind; channelKind: string | null; headersJson: string; mappingJson: string;
  defaultsJson: string; createdAt: number;
}

/** Saved (custom) templates, stored through the write path, plus the built-ins. */
export class TemplateStore {
  constructor(private readonly db: Database) {}

  saved(): TemplateDef[] {
    const rows = this.db.sqlite.prepare(
      `SELECT id, name, kind, channel_kind AS channelKind, headers_json AS headersJson, mapping_json AS mappingJson,
        defaults_json AS defaultsJson, created_at AS createdAt FROM import_templates ORDER BY created_at DESC`,
    ).all() as Row[];
    return rows.map(toDef);
  }

  find(id: string): TemplateDef | null {
    return BUILTIN_TEMPLATES.find((t) => t.id === id) ?? this.saved().find((t) => t.id === id) ?? null;
  }

  list(): ImportTemplate[] {
    return [...BUILTIN_TEMPLATES, ...this.saved()].map(toView);
  }

  save(ctx: WriteContext, say: Say, input: MappingInput & { id?: string | undefined; name: string }): ImportTemplate {
    const { headers, mapping, defaults } = checkMapping(say, input);
    const now = Date.now();
    const row = {
      name: input.name, kind: input.kind, channelKind: input.kind === 'orders' ? input.channelKind : null,
      headersJson: JSON.stringify(headers),
      mappingJson: JSON.stringify(mapping),
      defaultsJson: JSON.stringify(defaults),
      updatedAt: now,
    };
    let id = input.id;
    if (id?.startsWith('builtin:')) throw new ApiError('invalid_input', say('内置模板不能修改，请另存为新模板', 'built-in templates cannot be changed; save as a new one'), 'id');
    this.db.writes.run(ctx, (tx) => {
      if (id && this.db.sqlite.prepare('SELECT 1 FROM import_templates WHERE id = ?').get(id)) tx.update('import_templates', id, row);
      else tx.insert('import_templates', { id: (id = uuidv7()), ...row, createdAt: now });
    });
    return toView(this.find(id!)!);
  }

  /**
   * A mapping used for one import and not kept (issue 15, item 7): checked as a saved one would
   * be, so a role that may import but not manage templates can still bring in a new format.
   */
  once(say: Say, input: MappingInput): TemplateDef {
    const { headers, mapping, defaults } = checkMapping(say, input);
    return toDef({
      id: `once:${uuidv7()}`, name: say('仅本次导入（未保存模板）', 'this import only (no template saved)'), kind: input.kind,
      channelKind: input.kind === 'orders' ? input.channelKind : null, headersJson: JSON.stringify(headers),
      mappingJson: JSON.stringify(mapping), defaultsJson: JSON.stringify(defaults), createdAt: Date.now(),
    });
  }

  delete(ctx: WriteContext, say: Say, id: string): void {
    if (id.startsWith('builtin:')) throw new ApiError('invalid_input', say('内置模板不能删除', 'built-in templates cannot be deleted'), 'id');
    if (!this.db.sqlite.prepare('SELECT 1 FROM import_templates WHERE id = ?').get(id)) {
      throw new ApiError('not_found', say('模板不存在', 'no such template'), 'id');
    }
    this.db.writes.run(ctx, (tx) => tx.delete('import_templates', id));
  }
}

type Say = (zh: string, en: string) => string;
export interface MappingInput {
  kind: ImportKind;
  channelKind: ChannelKind;
  headers: string[];
  mapping: Record<string, string>;
  defaults: Record<string, string>;
}

/** The mapping's columns exist, its fields exist, and every required field is mapped or defaulted; blanks dropped. */
function checkMapping(say: Say, input: MappingInput): { headers: string[]; mapping: Record<string, string>; defaults: Record<string, string> } {
  const keys = new Set(IMPORT_FIELDS[input.kind].map((f) => f.key));
  const headers = input.headers.map((h) => h.trim()).filter((h) => h && h !== REASON_HEADER);
  for (const [col, field] of Object.entries(input.mapping)) {
    if (!field) continue;
    if (!keys.has(field)) throw new ApiError('invalid_input', say(`“${field}”不是可映射的字段`, `"${field}" is not a field of ${input.kind}`), `mapping.${col}`);
    if (!headers.some((h) => normalizeHeader(h) === normalizeHeader(col))) {
      throw new ApiError('invalid_input', say(`列“${col}”不在表头中`, `column "${col}" is not in the header row`), `mapping.${col}`);
    }
  }
  for (const k of Object.keys(input.defaults)) {
    if (!keys.has(k)) throw new ApiError('invalid_input', say(`“${k}”不是可映射的字段`, `"${k}" is not a field of ${input.kind}`), `defaults.${k}`);
  }
  const mapped = new Set(Object.values(input.mapping).filter(Boolean));
  const missing = IMPORT_FIELDS[input.kind].filter((f) => f.required && !mapped.has(f.key) && !input.defaults[f.key]);
  if (input.kind === 'orders' && !AMOUNT_SOURCES.some((k) => mapped.has(k) || input.defaults[k])) {
    missing.push({ key: 'paidYuan', zh: '实付金额（或商品金额、行实付金额、单价）', en: 'paid amount (or goods amount, line paid, unit price)' });
  }
  if (missing.length) {
    throw new ApiError('invalid_input', say(`还需要映射：${missing.map((f) => f.zh).join('、')}`, `still to map: ${missing.map((f) => f.en).join(', ')}`), 'mapping');
  }
  return {
    headers,
    mapping: Object.fromEntries(Object.entries(input.mapping).filter(([, f]) => f)),
    defaults: Object.fromEntries(Object.entries(input.defaults).filter(([, v]) => v !== '')),
  };
}

function toDef(r: Row): TemplateDef {
  const headers = JSON.parse(r.headersJson) as string[];
  const mapping = JSON.parse(r.mappingJson) as Record<string, string>;
  const columns: Record<string, string[]> = {};
  for (const [col, field] of Object.entries(mapping)) (columns[field] ??= []).push(normalizeHeader(col));
  return {
    id: r.id, name: r.name, kind: r.kind, builtin: false, channelKind: (r.channelKind as ChannelKind | null) ?? (r.kind === 'orders' ? 'pos' : null),
    // A saved sheet is read line by line: rows with the same order no. (next to each other) are one order.
    rowIsOrder: false, columns, signature: [...new Set(headers.map(normalizeHeader))],
    defaults: JSON.parse(r.defaultsJson) as Record<string, string>, statusWords: {}, createdAt: r.createdAt,
    ...({ headers, mapping } as object),
  };
}

function toView(t: TemplateDef): ImportTemplate {
  const extra = t as TemplateDef & { headers?: string[]; mapping?: Record<string, string> };
  const mapping = extra.mapping ?? Object.fromEntries(Object.entries(t.columns).map(([field, names]) => [names[0]!, field]));
  return {
    id: t.id, name: t.name, kind: t.kind, builtin: t.builtin, channelKind: t.channelKind,
    headers: extra.headers ?? Object.keys(mapping), mapping, defaults: t.defaults, createdAt: t.createdAt,
  };
}
