import * as fs from 'node:fs';
import * as path from 'node:path';

/** The example catalogs: estate/ (estate.yaml), backstage/ (catalog-info.yaml) and broken/. */
export const CATALOG_FIXTURES = path.resolve(__dirname, '../fixtures/catalog');

export interface CatalogFile {
  path: string;
  content: string;
}

/** Every file under a fixture folder as importCatalog takes them: paths relative to the folder, in name order. */
export function catalogFiles(folder: string): CatalogFile[] {
  const root = path.join(CATALOG_FIXTURES, folder);
  const files: CatalogFile[] = [];
  const walk = (dir: string) => {
    const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else
        files.push({
          path: path.relative(root, full).split(path.sep).join('/'),
          content: fs.readFileSync(full, 'utf8'),
        });
    }
  };
  walk(root);
  return files;
}

/** `file:line` of every line a fixture marks with `# error:`, paths relative to `folder`, sorted. */
export function markedErrors(folder: string): string[] {
  return catalogFiles(folder)
    .flatMap((file) =>
      file.content.split('\n').flatMap((line, n) => (/#\s*error:/.test(line) ? [`${file.path}:${n + 1}`] : [])),
    )
    .sort();
}
