/**
 * Error names survive a production build: the build renames classes, so a name taken from the
 * class (`new.target.name`) showed as "n: Unknown subcommand" in a magic's cell. Every
 * CellScriptError subclass names itself with a string literal.
 */
import * as fs from 'fs';
import * as path from 'path';

const SRC = path.resolve(__dirname, '../../../src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory()
      ? sources(full)
      : entry.name.endsWith('.ts')
        ? [full]
        : [];
  });
}

const SUBCLASS =
  /class (\w+) extends (CellScriptError|Magic\w*Error) \{([\s\S]*?)\n\}/g;

describe('error names', () => {
  const classes = sources(SRC).flatMap(file =>
    [...fs.readFileSync(file, 'utf8').matchAll(SUBCLASS)].map(match => ({
      file: path.relative(SRC, file),
      name: match[1],
      body: match[3]
    }))
  );

  it('finds the error classes', () => {
    expect(classes.map(c => c.name)).toEqual(
      expect.arrayContaining(['CellNotFoundError', 'MagicUsageError'])
    );
  });

  it.each(classes.map(c => [c.name, c]))(
    '%s sets its name with a string',
    (_, { body }) => {
      expect(body).toMatch(/this\.name = '\w+';/);
    }
  );

  it('no error takes its name from its class', () => {
    for (const file of sources(SRC)) {
      expect(fs.readFileSync(file, 'utf8')).not.toMatch(/new\.target\.name/);
    }
  });
});
