/**
 * The house rules that the compiler does not check, checked on the source itself: one-way
 * dependencies between the layers, no module-level mutable cache in the backend (every cache lives
 * in a datasource instance, src/backend/core/instance.ts), and no double casts in query handlers.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');
const SRC = path.join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return sourceFiles(full);
    }
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const rel = (file: string) => path.relative(ROOT, file);

/** Every module a file imports, resolved to a repo-relative path for relative specifiers. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map(({ fileName }) =>
    fileName.startsWith('.') ? rel(path.resolve(path.dirname(file), fileName)) : fileName
  );
}

/** Files under `from` that import anything under one of `forbidden`, as "file -> import". */
function violations(from: string, forbidden: string[]): string[] {
  return sourceFiles(path.join(ROOT, from)).flatMap((file) =>
    importsOf(file)
      .filter((imported) => forbidden.some((f) => imported === f || imported.startsWith(`${f}/`)))
      .map((imported) => `${rel(file)} -> ${imported}`)
  );
}

describe('one-way dependencies', () => {
  it.each([
    [
      'src/backend/core',
      [
        'src/backend/protocol',
        'src/backend/queries',
        'src/backend/measured',
        'src/backend/sources',
        'src/backend/frames',
      ],
    ],
    ['src/backend/sources', ['src/backend/protocol', 'src/backend/queries', 'src/backend/measured']],
    ['src/backend/measured', ['src/backend/protocol', 'src/backend/queries']],
    [
      'src/backend/frames',
      ['src/backend/protocol', 'src/backend/queries', 'src/backend/measured', 'src/backend/sources'],
    ],
    ['src/backend/queries', ['src/backend/protocol']],
    ['src/engine', ['src/backend', 'src/datasource', 'src/app']],
    ['src/shared', ['src/backend', 'src/datasource', 'src/app', 'src/engine']],
    ['src/datasource', ['src/backend', 'src/engine', 'src/app']],
    ['src/app', ['src/backend', 'src/engine']],
  ])('%s imports none of %j', (from, forbidden) => {
    expect(violations(from, forbidden)).toEqual([]);
  });

  it('the engine does no I/O', () => {
    const io = [
      'fs',
      'node:fs',
      'fs/promises',
      'node:fs/promises',
      'net',
      'node:net',
      'http',
      'node:http',
      'https',
      'node:https',
      'child_process',
      'node:child_process',
    ];
    const found = sourceFiles(path.join(SRC, 'engine')).flatMap((file) =>
      importsOf(file)
        .filter((m) => io.includes(m))
        .map((m) => `${rel(file)} -> ${m}`)
    );
    expect(found).toEqual([]);
  });

  it('the checker sees a forbidden import (so the rules above cannot pass vacuously)', () => {
    expect(violations('src/backend/protocol', ['src/backend/queries']).length).toBeGreaterThan(0);
  });
});

/** Top-level `const x = new Map()` and the like: state that outlives a datasource and is shared by all of them. */
function moduleLevelState(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const mutableWhenEmpty = new Set(['Map', 'WeakMap', 'Set', 'WeakSet']);
  const found: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) {
      continue;
    }
    for (const declaration of statement.declarationList.declarations) {
      const init = declaration.initializer;
      if (!init || !ts.isNewExpression(init) || !ts.isIdentifier(init.expression)) {
        continue;
      }
      const name = init.expression.text;
      // A Set or Map built from a literal list is a lookup table; an empty one exists to be filled.
      const emptyCollection = mutableWhenEmpty.has(name) && (init.arguments?.length ?? 0) === 0;
      if (emptyCollection || /Cache|Lru|LRU|Pool/.test(name)) {
        found.push(`${rel(file)}: ${declaration.name.getText(source)} = new ${name}(...)`);
      }
    }
  }
  return found;
}

describe('backend state', () => {
  it('keeps no module-level cache or client map: everything lives in a datasource instance', () => {
    expect(sourceFiles(path.join(SRC, 'backend')).flatMap(moduleLevelState)).toEqual([]);
  });

  it('the state check sees a module-level map', () => {
    const probe = path.join(ROOT, '.tmp', 'layeringProbe.ts');
    fs.mkdirSync(path.dirname(probe), { recursive: true });
    fs.writeFileSync(
      probe,
      'const cache = new Map<string, number>();\nconst kinds = new Set(["a"]);\nexport { cache, kinds };\n'
    );
    expect(moduleLevelState(probe)).toEqual(['.tmp/layeringProbe.ts: cache = new Map(...)']);
  });
});

describe('query handlers', () => {
  it('have no double casts (defineHandler hands them the parsed, typed query)', () => {
    const found = sourceFiles(path.join(SRC, 'backend', 'queries'))
      .filter((file) => /\bas unknown as\b/.test(fs.readFileSync(file, 'utf8')))
      .map(rel);
    expect(found).toEqual([]);
  });
});
