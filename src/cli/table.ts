/** Left-aligned columns under upper-case headers, as `ps` or `docker ps` print them. */
export function formatTable(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers.map((header) => header.toUpperCase()), ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => Array.from(row[column]).length)));
  return cells
    .map((row) =>
      row
        .map((cell, column) => (column === row.length - 1 ? cell : cell + ' '.repeat(widths[column] - Array.from(cell).length)))
        .join('  '),
    )
    .join('\n');
}
