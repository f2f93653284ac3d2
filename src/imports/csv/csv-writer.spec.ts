import { csvPage } from './csv-writer.js';

describe('csvPage', () => {
  it('starts the file with a byte-order mark and the header row, and ends every row with CRLF', () => {
    expect(csvPage(['id', 'name'], [[1, 'Ada']], true) + csvPage(['id', 'name'], [[2, 'Grace']], false)).toBe(
      '\ufeffid,name\r\n1,Ada\r\n2,Grace\r\n',
    );
  });

  it('writes the header of an empty file', () => {
    expect(csvPage(['id', 'name'], [], true)).toBe('\ufeffid,name\r\n');
  });

  it('quotes a field holding a comma, a quote, CR or LF, doubling its quotes, as RFC 4180 says', () => {
    expect(csvPage(['a', 'b', 'c', 'd', 'e'], [['x,y', 'say "hi"', 'two\nlines', 'cr\rhere', 'Élodie 😀']], false)).toBe(
      '"x,y","say ""hi""","two\nlines","cr\rhere",Élodie 😀\r\n',
    );
  });

  it('puts a quote before a text that a spreadsheet would run as a formula', () => {
    expect(csvPage(['a', 'b', 'c', 'd'], [['=SUM(A1)', '-5', '@x', '+1']], false)).toBe("'=SUM(A1),'-5,'@x,'+1\r\n");
  });
});
