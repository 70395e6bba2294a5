import { describe, expect, it } from 'vitest';
import { actorText, folderImportActor } from './actor-words';

describe('who did it, in words', () => {
  it('a folder import reads in the reader’s language; a person’s name and the system as they are', () => {
    const folder = folderImportActor('D:\\订单\\拼多多');
    expect(folder).toBe('文件夹导入 D:\\订单\\拼多多'); // as earlier versions stored it
    expect(actorText(folder, 'zh', '系统')).toBe('文件夹导入 D:\\订单\\拼多多');
    expect(actorText(folder, 'en', 'System')).toBe('Folder import D:\\订单\\拼多多');
    expect(actorText('李主管', 'en', 'System')).toBe('李主管');
    expect(actorText('system', 'en', 'System')).toBe('System');
    expect(actorText(null, 'zh', '系统')).toBe('系统');
  });
});
