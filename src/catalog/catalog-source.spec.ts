import {
  formatMessage,
  locateMessages,
  parseSourceDocument,
  placeIn,
  pointerOfPath,
  resolveRelative,
  splitDocuments,
  type SourceDocument,
} from './catalog-source';

const yaml = (...lines: string[]) => `${lines.join('\n')}\n`;

/** Where `pointer` of `document` is in its file, as `file:line:column`. */
function located(document: SourceDocument, pointer: string): string {
  return formatMessage(locateMessages([{ place: placeIn(document, pointer), message: 'here' }])[0]);
}

function valueOf(document: SourceDocument): unknown {
  const parsed = parseSourceDocument(document);
  if (!('value' in parsed)) throw new Error(`did not parse: ${JSON.stringify(parsed.problems)}`);
  return parsed.value;
}

describe('splitDocuments', () => {
  it('keeps a file without markers as one document from its first line', () => {
    expect(splitDocuments('f.yaml', yaml('a: 1', 'b: 2'))).toEqual([
      { file: 'f.yaml', index: 0, text: 'a: 1\nb: 2\n', firstLine: 0 },
    ]);
  });

  it("gives the 2nd and 3rd documents the file's lines, the marker blanked", () => {
    const content = yaml(
      '# header', //      1
      'a: 1', //          2
      '---', //           3
      'b: 2', //          4
      '---', //           5
      '# about c', //     6
      'c:', //            7
      '  d: [x, y]', //   8
    );
    const documents = splitDocuments('f.yaml', content);
    expect(documents).toEqual([
      { file: 'f.yaml', index: 0, text: '# header\na: 1', firstLine: 0 },
      { file: 'f.yaml', index: 1, text: '   \nb: 2', firstLine: 2 },
      { file: 'f.yaml', index: 2, text: '   \n# about c\nc:\n  d: [x, y]\n', firstLine: 4 },
    ]);
    expect(documents.map(valueOf)).toEqual([{ a: 1 }, { b: 2 }, { c: { d: ['x', 'y'] } }]);
    expect(located(documents[0], '/a')).toBe('f.yaml:2:4: here');
    expect(located(documents[1], '/b')).toBe('f.yaml:4:4: here');
    expect(located(documents[2], '/c/d/1')).toBe('f.yaml:8:10: here');
    // A document's root is where its content starts, not its marker.
    expect(located(documents[2], '')).toBe('f.yaml:7:1: here');
  });

  it('keeps content on the marker line at its columns', () => {
    const documents = splitDocuments('f.yaml', yaml('a: 1', '--- {b: 2, c: [x, y]}', '--- # a comment', 'd: 3'));
    expect(documents).toEqual([
      { file: 'f.yaml', index: 0, text: 'a: 1', firstLine: 0 },
      { file: 'f.yaml', index: 1, text: '    {b: 2, c: [x, y]}', firstLine: 1 },
      { file: 'f.yaml', index: 2, text: '    # a comment\nd: 3\n', firstLine: 2 },
    ]);
    expect(documents.map(valueOf)).toEqual([{ a: 1 }, { b: 2, c: ['x', 'y'] }, { d: 3 }]);
    expect(located(documents[1], '/c/1')).toBe('f.yaml:2:19: here');
    expect(located(documents[2], '/d')).toBe('f.yaml:4:4: here');
  });

  it('ends a document at `...`; what follows up to the next `---` is no document', () => {
    const documents = splitDocuments('f.yaml', yaml('a: 1', '...', '# between documents', '---', 'b: 2', '...'));
    expect(documents).toEqual([
      { file: 'f.yaml', index: 0, text: 'a: 1', firstLine: 0 },
      { file: 'f.yaml', index: 1, text: '   \nb: 2', firstLine: 3 },
    ]);
    expect(located(documents[1], '/b')).toBe('f.yaml:5:4: here');
  });

  it('drops documents of comments and blank lines only, numbering the others without gaps', () => {
    const content = yaml('# only a comment', '---', '# nothing here', '', '---', 'a: 1', '---', '   ', '---');
    expect(splitDocuments('f.yaml', content)).toEqual([{ file: 'f.yaml', index: 0, text: '   \na: 1', firstLine: 4 }]);
    expect(splitDocuments('f.yaml', '')).toEqual([]);
    expect(splitDocuments('f.yaml', yaml('# just a comment', '---'))).toEqual([]);
  });

  it('drops a byte order mark', () => {
    const documents = splitDocuments('f.yaml', '\uFEFFa: 1\n---\nb: 2\n');
    expect(documents).toEqual([
      { file: 'f.yaml', index: 0, text: 'a: 1', firstLine: 0 },
      { file: 'f.yaml', index: 1, text: '   \nb: 2\n', firstLine: 1 },
    ]);
    expect(located(documents[0], '/a')).toBe('f.yaml:1:4: here');
  });

  it('takes only `---` and `...` at the start of a line, followed by a space or nothing, as markers', () => {
    const content = yaml('text: |', '  ---', '  ...', 'other: ---x', '----: 1', '---x: 2');
    const documents = splitDocuments('f.yaml', content);
    expect(documents).toHaveLength(1);
    expect(valueOf(documents[0])).toEqual({ text: '---\n...\n', other: '---x', '----': 1, '---x': 2 });
  });

  it('keeps directives with the document their marker starts', () => {
    const documents = splitDocuments('f.yaml', yaml('%YAML 1.2', '# a comment', '---', 'a: 1'));
    expect(documents).toEqual([
      { file: 'f.yaml', index: 0, text: '%YAML 1.2\n# a comment\n---\na: 1\n', firstLine: 0 },
    ]);
    expect(valueOf(documents[0])).toEqual({ a: 1 });
    expect(located(documents[0], '/a')).toBe('f.yaml:4:4: here');
  });

  it('reads Windows line ends', () => {
    const documents = splitDocuments('f.yaml', 'a: 1\r\n---\r\nb: 2\r\n');
    expect(documents.map((d) => d.firstLine)).toEqual([0, 1]);
    expect(documents.map(valueOf)).toEqual([{ a: 1 }, { b: 2 }]);
  });
});

describe('parseSourceDocument', () => {
  it("gives a syntax error the line of the file, not of the document's text", () => {
    const [, second] = splitDocuments('f.yaml', yaml('a: 1', '---', 'b: 1', 'b: 2'));
    expect(parseSourceDocument(second)).toEqual({
      problems: [{ place: { file: 'f.yaml', line: 4, column: 1 }, message: 'invalid YAML: duplicated mapping key' }],
    });
  });

  it('reads with the core schema: dates and timestamps stay text', () => {
    const [document] = splitDocuments('f.yaml', yaml('renewal: 2026-09-30', 'at: 2024-01-01T10:00:00Z', 'n: 12'));
    expect(valueOf(document)).toEqual({ renewal: '2026-09-30', at: '2024-01-01T10:00:00Z', n: 12 });
  });

  it('reads a document that is JSON, and a flow mapping that is YAML but not JSON', () => {
    const documents = splitDocuments('f.yaml', yaml('{"a": [1, 2]}', '---', '{a: x, b: [y]}'));
    expect(documents.map(valueOf)).toEqual([{ a: [1, 2] }, { a: 'x', b: ['y'] }]);
  });
});

describe('locateMessages', () => {
  const [first, second] = splitDocuments(
    'f.yaml',
    yaml(
      'a: 1', //                 1
      '---', //                  2
      'spec:', //                3
      '  owner: team-a', //      4
      '  definition: |', //      5
      '    openapi: 3.0.3', //   6
      '    info: {}', //         7
    ),
  );

  it('locates each message in its document, in the order given, with or without a place', () => {
    expect(
      locateMessages([
        { place: placeIn(second, '/spec/owner'), message: 'owner' },
        { place: { file: 'g.yaml', line: 7, column: 2 }, message: 'known line' },
        { place: placeIn(first, '/a'), message: 'a' },
        { place: { file: 'h.yaml' }, message: 'whole file' },
      ]),
    ).toEqual([
      { file: 'f.yaml', line: 4, column: 10, message: 'owner' },
      { file: 'g.yaml', line: 7, column: 2, message: 'known line' },
      { file: 'f.yaml', line: 1, column: 4, message: 'a' },
      { file: 'h.yaml', message: 'whole file' },
    ]);
  });

  it('places a pointer to something missing at the nearest thing the document has', () => {
    expect(locateMessages([{ place: placeIn(second, '/spec/lifecycle'), message: 'missing' }])).toEqual([
      { file: 'f.yaml', line: 4, column: 3, message: 'missing' },
    ]);
  });

  it('adds the lines of text embedded in a block scalar, without a column', () => {
    // The block scalar is found where its text starts (line 6): its line 2 is the file's line 7.
    expect(
      locateMessages([{ place: { ...placeIn(second, '/spec/definition'), innerLine: 1 }, message: 'in the text' }]),
    ).toEqual([{ file: 'f.yaml', line: 7, column: undefined, message: 'in the text' }]);
    expect(
      locateMessages([{ place: { ...placeIn(second, '/spec/definition'), innerLine: 0 }, message: 'first line' }]),
    ).toEqual([{ file: 'f.yaml', line: 6, column: undefined, message: 'first line' }]);
  });
});

describe('formatMessage', () => {
  it.each([
    [{ file: 'f.yaml', line: 3, column: 5, message: 'm' }, 'f.yaml:3:5: m'],
    [{ file: 'f.yaml', line: 3, message: 'm' }, 'f.yaml:3: m'],
    [{ file: 'f.yaml', message: 'm' }, 'f.yaml: m'],
  ])('%j → %s', (message, text) => {
    expect(formatMessage(message)).toBe(text);
  });
});

describe('pointerOfPath', () => {
  it.each([
    ['', ''],
    ['key', '/key'],
    ['annualCost.amount', '/annualCost/amount'],
    ['entities[2].fields[5].name', '/entities/2/fields/5/name'],
    ['[0].url', '/0/url'],
  ])('%s → %s', (path, pointer) => {
    expect(pointerOfPath(path)).toBe(pointer);
  });
});

describe('resolveRelative', () => {
  it.each([
    ['a/b/catalog-info.yaml', './org.yaml', 'a/b/org.yaml'],
    ['a/b/catalog-info.yaml', 'org.yaml', 'a/b/org.yaml'],
    ['a/b/catalog-info.yaml', '../shared/org.yaml', 'a/shared/org.yaml'],
    ['a/b/catalog-info.yaml', 'x/./y/../z.yaml', 'a/b/x/z.yaml'],
    ['estate.yaml', 'schemas/billing.sql', 'schemas/billing.sql'],
    ['estate.yaml', '../other/estate.yaml', '../other/estate.yaml'],
    ['../a/estate.yaml', '../../b.yaml', '../../b.yaml'],
  ])('from %s, %s is %s', (from, target, path) => {
    expect(resolveRelative(from, target)).toBe(path);
  });

  it.each(['https://example.com/catalog-info.yaml', 'file:catalog.yaml', '/etc/catalog.yaml', 'C:\\catalog.yaml'])(
    'leaves %s unresolved',
    (target) => {
      expect(resolveRelative('a/catalog-info.yaml', target)).toBeUndefined();
    },
  );
});
