#!/usr/bin/env node
// The `estate` command. `npm ci` builds dist/ (prepare script); run `npm run build` after changing the source.
require('../dist/src/cli.js');
