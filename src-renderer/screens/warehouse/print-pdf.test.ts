import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { floor } from '../../i18n/areas/floor';
import { printProblem } from './print-pdf';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({ lng: 'en', resources: { 'zh-CN': { translation: { floor: floor.zh } }, en: { translation: { floor: floor.en } } }, interpolation: { escapeValue: false } });
});

describe('why a print did not show, in the reader’s words', () => {
  it('a session that may not print is told so in its language, not in the main process’s Chinese', () => {
    expect(printProblem({ shown: false, why: 'forbidden', message: '没有打印拣货单和发货单的权限' }, i18n.t)).toBe('This account may not print pick lists and packing slips');
    expect(printProblem({ shown: false, why: 'refused', message: 'Print job failed' }, i18n.t)).toBe('Could not print (Print job failed): use Download PDF and print the file');
    expect(printProblem({ shown: true }, i18n.t)).toBeNull();
  });
});
