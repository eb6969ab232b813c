import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { CsvUpload } from '../../src/reports/CsvUpload.js';

const s3 = mockClient(S3Client);

/** Writes `rows` through a CsvUpload to a mocked S3 and returns the file it sent. */
async function csvOf(rows: Array<Record<string, string | number>>): Promise<string> {
  s3.reset();
  s3.on(PutObjectCommand).resolves({});
  const csv = new CsvUpload(new S3Client({ region: 'us-east-1' }), { bucket: 'reports', key: 'r.csv', columns: ['product', 'quantity'] });
  for (const row of rows) await csv.write(row);
  await csv.finish();
  const body = s3.commandCalls(PutObjectCommand)[0]!.args[0].input.Body as Uint8Array | string;
  return typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
}

describe('CSV neutralisation', () => {
  it('prefixes text cells that a spreadsheet would run as a formula, and leaves numbers alone', async () => {
    // Act
    const file = await csvOf([
      { product: '=HYPERLINK("x")', quantity: -3 },
      { product: '+1', quantity: 2 },
      { product: '-1', quantity: 0 },
      { product: '@SUM(A1)', quantity: 1 },
      { product: '\tTab', quantity: 1 },
      { product: 'Plain, "quoted"', quantity: 1.5 },
    ]);
    // Assess
    expect(file.split('\r\n')).toEqual([
      'product,quantity',
      `"'=HYPERLINK(""x"")",-3`,
      `'+1,2`,
      `'-1,0`,
      `'@SUM(A1),1`,
      `'\tTab,1`,
      '"Plain, ""quoted""",1.5',
      '',
    ]);
  });

  it('writes the header row also when there is no record', async () => {
    expect(await csvOf([])).toBe('product,quantity\r\n');
  });
});
