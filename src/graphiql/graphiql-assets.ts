import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Injectable } from '@nestjs/common';
import { GRAPHIQL_BOOTSTRAP, GRAPHIQL_PAGE_CSS, renderGraphiqlPage } from './graphiql-page';

/** Where the assets are served; their file names carry a hash of their content, so they can be cached for good. */
export const ASSETS_PATH = '/graphiql';

export interface Asset {
  /** The hashed file name under ASSETS_PATH, e.g. `graphiql.3f1c…9a.js`. */
  fileName: string;
  contentType: string;
  body: Buffer;
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/** A file inside an installed package (resolved by its package.json: graphiql's `exports` hide its UMD files). */
function packageFile(pkg: string, file: string): Buffer {
  return fs.readFileSync(path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file));
}

function asset(name: string, extension: 'js' | 'css', body: Buffer): Asset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  return { fileName: `${name}.${hash}.${extension}`, contentType: extension === 'js' ? JS : CSS, body };
}

/**
 * GraphiQL 3's UMD bundle with React 18's (React 19 ships no UMD), read from node_modules once at start:
 * the page needs no CDN and works offline.
 */
@Injectable()
export class GraphiqlAssets {
  readonly react = asset('react', 'js', packageFile('react', 'umd/react.production.min.js'));
  readonly reactDom = asset('react-dom', 'js', packageFile('react-dom', 'umd/react-dom.production.min.js'));
  readonly graphiql = asset('graphiql', 'js', packageFile('graphiql', 'graphiql.min.js'));
  readonly stylesheet = asset('graphiql', 'css', packageFile('graphiql', 'graphiql.min.css'));
  readonly layout = asset('estate-graphiql', 'css', Buffer.from(GRAPHIQL_PAGE_CSS, 'utf8'));
  readonly bootstrap = asset('estate-graphiql', 'js', Buffer.from(GRAPHIQL_BOOTSTRAP, 'utf8'));

  /** The page: GraphiQL's stylesheet, then React, ReactDOM, GraphiQL and the start-up script, in that order. */
  readonly page = renderGraphiqlPage({
    stylesheets: [this.stylesheet, this.layout].map(urlOf),
    scripts: [this.react, this.reactDom, this.graphiql, this.bootstrap].map(urlOf),
  });

  private readonly byFileName = new Map(
    [this.react, this.reactDom, this.graphiql, this.stylesheet, this.layout, this.bootstrap].map((a) => [
      a.fileName,
      a,
    ]),
  );

  find(fileName: string): Asset | undefined {
    return this.byFileName.get(fileName);
  }
}

function urlOf(asset: Asset): string {
  return `${ASSETS_PATH}/${asset.fileName}`;
}
