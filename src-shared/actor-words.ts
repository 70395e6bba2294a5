/**
 * Who did something, when it was not a person: the system, or a watched import folder. The names
 * are stored with the event (Chinese, as earlier versions wrote them) and said in the reader's
 * language when shown.
 */
const FOLDER_IMPORT = '文件夹导入 ';

/** The actor a folder import writes as: 文件夹导入 D:\订单. */
export const folderImportActor = (folder: string): string => `${FOLDER_IMPORT}${folder}`;

/** A stored actor name in words: a person's name as it is; 'system' or none as `system`; a folder import in the reader's language. */
export function actorText(name: string | null | undefined, lang: 'zh' | 'en', system: string): string {
  if (!name || name === 'system') return system;
  if (name.startsWith(FOLDER_IMPORT)) return lang === 'en' ? `Folder import ${name.slice(FOLDER_IMPORT.length)}` : name;
  return name;
}
