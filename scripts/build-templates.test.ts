import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildTemplates } from './build-templates.ts';

describe('the Word templates', () => {
  const dir = new URL('../templates/documents/', import.meta.url);
  const placeholders = (docx: Uint8Array): Set<string> => {
    const xml = strFromU8(unzipSync(docx)['word/document.xml'] ?? new Uint8Array());
    const text = xml.replace(/<[^>]+>/g, '');
    return new Set([...text.matchAll(/\{[#^/]?([a-z_]+)\}/g)].map((m) => m[1] ?? ''));
  };

  it('lists every placeholder of the committed templates in their README', () => {
    const readme = readFileSync(new URL('README.md', dir), 'utf8');
    for (const name of ['letter.docx', 'notification.docx']) {
      const found = placeholders(readFileSync(new URL(name, dir)));
      expect(found.size, name).toBeGreaterThan(10);
      for (const p of found) expect(readme, `${name}: {${p}}`).toMatch(new RegExp(`\\{[#^/]?${p}\\}`));
    }
  });

  it('are built the same, byte for byte, each time the script runs', () => {
    const a = buildTemplates();
    const b = buildTemplates();
    expect(Buffer.compare(Buffer.from(a['letter.docx']), Buffer.from(b['letter.docx']))).toBe(0);
    expect(placeholders(a['letter.docx'])).toEqual(new Set(['regulator', 'regulator_address', 'regulator_contacts', 'number', 'date', 'letter_out_no', 'letter_out_date', 'rso_name', 'rso_inn', 'period', 'regulator_short', 'registry_no', 'service', 'letter_in_no', 'letter_in_date', 'declared_sum', 'rows_total', 'agreed_sum', 'rows_agreed', 'rejected_sum', 'rows_rejected', 'has_pending', 'rows_pending', 'pending_sum', 'result_text', 'has_rejected', 'list_rows', 'rejected', 'row', 'address', 'fias_id', 'sum', 'reason', 'rejected_sum_number', 'by_check', 'check', 'rows', 'signer_position', 'signer_name', 'executor']));
  });
});
