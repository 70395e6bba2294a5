import { describe, expect, it } from 'vitest';
import { checkPrintRequest, mayPrint } from './print-request';

const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF').toString('base64');

describe('a print request from the window', () => {
  it('takes a PDF under a plain name with a session', () => {
    const r = checkPrintRequest({ fileName: '拣货单-杭州仓-202612010900.pdf', contentBase64: pdf, token: 't1' });
    expect(r.ok && r.job.pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('refuses without a session, a path in the name, another extension, bytes that are not a PDF, or not base64', () => {
    expect(checkPrintRequest({ fileName: 'a.pdf', contentBase64: pdf, token: null })).toMatchObject({ ok: false, outcome: { reason: 'forbidden' } });
    expect(checkPrintRequest({ fileName: '../../etc/a.pdf', contentBase64: pdf, token: 't' })).toMatchObject({ ok: false, outcome: { reason: 'invalid', message: expect.stringContaining('fileName') } });
    expect(checkPrintRequest({ fileName: 'C:\\temp\\a.pdf', contentBase64: pdf, token: 't' })).toMatchObject({ ok: false, outcome: { reason: 'invalid' } });
    expect(checkPrintRequest({ fileName: 'a.html', contentBase64: pdf, token: 't' })).toMatchObject({ ok: false, outcome: { reason: 'invalid' } });
    expect(checkPrintRequest({ fileName: 'a.pdf', contentBase64: Buffer.from('<html>').toString('base64'), token: 't' })).toMatchObject({ ok: false, outcome: { reason: 'invalid', message: expect.stringContaining('a.pdf') } });
    expect(checkPrintRequest({ fileName: 'a.pdf', contentBase64: 'not base64!', token: 't' })).toMatchObject({ ok: false, outcome: { reason: 'invalid' } });
    expect(checkPrintRequest(null)).toMatchObject({ ok: false });
  });

  it('a session may print only with the warehouse permission', () => {
    expect(mayPrint({ data: { permissions: ['orders.view', 'fulfillment.ship'] } })).toBe(true);
    expect(mayPrint({ data: { permissions: ['orders.view', 'finance.export'] } })).toBe(false);
    expect(mayPrint({ error: { code: 'unauthenticated' } })).toBe(false);
  });
});
