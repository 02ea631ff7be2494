import { describe, expect, it } from 'vitest';
import { MAX_FILE_NAME, safeFileName } from '../../src/report/safe-file-name.js';

describe('the name an attachment is stored under', () => {
  it.each([
    ['log.txt', 'text/plain', 'log.txt', []],
    ['screenshot.PNG', 'image/png', 'screenshot.PNG', []],
    ['capture.har', 'application/json', 'capture.har', []],
    ['..', 'text/plain', 'attachment-3.txt', ['dots', 'extension', 'fallback']],
    ['....', 'text/plain', 'attachment-3.txt', ['dots', 'extension', 'fallback']],
    ['.env', 'text/plain', 'env.txt', ['dots', 'extension']],
    ['a..b.txt', 'text/plain', 'a.b.txt', ['dots']],
    ['evil\u202Etxt.exe', 'text/plain', 'evil_txt.exe.txt', ['characters', 'extension']],
    ['poc.py', 'text/plain', 'poc.py.txt', ['extension']],
    ['run.bat', 'text/plain', 'run.bat.txt', ['extension']],
    ['index.html', 'text/plain', 'index.html.txt', ['extension']],
    ['evidence.zip', 'application/zip', 'evidence.zip.bin', ['extension']],
    ['evidence', 'application/zip', 'evidence.zip.bin', ['extension']],
    ['tab\tand\u0001control.log', 'text/plain', 'tab_and_control.log', ['characters']],
    ['résumé.pdf', 'application/pdf', 'r_sum_.pdf', ['characters']],
    ['截图.png', 'image/png', 'attachment-3.png', ['characters', 'dots', 'fallback']],
    ['\u200B\u2066.json', 'application/json', 'attachment-3.json', ['characters', 'dots', 'fallback']],
    ['ＦＵＬＬ.txt', 'text/plain', 'FULL.txt', ['characters']],
  ] as const)('stores %j sent as %s as %s', (filename, type, name, changes) => {
    expect(safeFileName(filename, type, 2)).toEqual({ name, changes });
  });

  it('cuts a long name to the limit, keeping the extension', () => {
    const stored = safeFileName(`${'a'.repeat(200)}.txt`, 'text/plain', 0);

    expect(stored.name).toBe(`${'a'.repeat(MAX_FILE_NAME - 4)}.txt`);
    expect(stored.changes).toEqual(['length']);
  });

  it('gives the same name every time, so a retry stores the file under the same path', () => {
    expect(safeFileName('x\u202E y.zip', 'application/zip', 1)).toEqual(safeFileName('x\u202E y.zip', 'application/zip', 1));
  });
});
