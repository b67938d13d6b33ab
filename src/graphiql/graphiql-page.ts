/*
 * The GraphiQL page and its start-up script. The script is served as a file (not inline), so the
 * Content-Security-Policy can forbid inline scripts.
 */

/** Where GraphiQL sends queries, and the page's own address. */
export const GRAPHQL_PATH = '/graphql';

const DEFAULT_QUERY = `# Estate's GraphQL API. Put your token in the Headers tab below:
#   {"Authorization": "Bearer est_…"}
# then run this with Ctrl-Enter.
{
  me {
    name
    role
  }
}
`;

/** Renders GraphiQL with the Headers editor open and prefilled, sending its headers with every request. */
export const GRAPHIQL_BOOTSTRAP = `(function () {
  'use strict';
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: GraphiQL.createFetcher({ url: ${JSON.stringify(GRAPHQL_PATH)} }),
      defaultQuery: ${JSON.stringify(DEFAULT_QUERY)},
      defaultHeaders: ${JSON.stringify(JSON.stringify({ Authorization: 'Bearer ' }, null, 2))},
      defaultEditorToolsVisibility: 'headers',
      headerEditorEnabled: true,
      shouldPersistHeaders: false,
    }),
  );
})();
`;

/** The page's own layout (a file too: the policy forbids inline styles). */
export const GRAPHIQL_PAGE_CSS = `html,
body {
  margin: 0;
  height: 100%;
}
#graphiql {
  height: 100vh;
}
`;

/**
 * Scripts only from Estate itself; GraphiQL's fonts are data: URLs inside its stylesheet; it talks to
 * Estate only.
 */
export const GRAPHIQL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  'font-src data:',
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface PageAssets {
  stylesheets: readonly string[];
  scripts: readonly string[];
}

export function renderGraphiqlPage(assets: PageAssets): string {
  const stylesheets = assets.stylesheets.map((href) => `    <link rel="stylesheet" href="${href}" />`).join('\n');
  const scripts = assets.scripts.map((src) => `    <script src="${src}"></script>`).join('\n');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Estate · GraphiQL</title>
${stylesheets}
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL…</div>
${scripts}
  </body>
</html>
`;
}
