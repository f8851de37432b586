// Pinned npm packages whose published files make up the benchmark history.
// Changing this list changes the workload, so results recorded in
// BENCHMARKS.md are only comparable between runs with the same list.
export const PACKAGES = [
  'lodash@4.17.21',
  'moment@2.30.1',
  'react@18.3.1',
  'react-dom@18.3.1',
  'vue@3.4.27',
  'rxjs@7.8.1',
  'eslint@8.57.0',
  'webpack@5.91.0',
  '@babel/parser@7.24.5',
  '@babel/core@7.24.5',
  '@babel/traverse@7.24.5',
  'prettier@3.2.5',
  'express@4.19.2',
  'axios@1.7.2',
  'commander@12.1.0',
  'yargs@17.7.2',
  'jquery@3.7.1',
  'd3@7.9.0',
  'underscore@1.13.6',
  'mocha@10.4.0',
  'chai@4.4.1',
  'acorn@8.11.3',
  'terser@5.31.0',
  'handlebars@4.7.8',
  'marked@12.0.2',
  'bluebird@3.7.2',
  'async@3.2.5',
  'ramda@0.30.0',
  'immutable@4.3.6',
  'redux@5.0.1',
  'postcss@8.4.38',
  'ajv@8.14.0',
  'js-yaml@4.1.0',
  'luxon@3.4.4',
  'dayjs@1.11.11',
  'graphql@16.8.1',
  'zod@3.23.8',
  'semver@7.6.2',
  'uuid@9.0.1',
  'ws@8.17.0',
];

/** The package whose files form the small (about 1 MB) repository. */
export const SMALL_REPO_PACKAGE = 'jquery';

/** The file that the 30-line staged change edits, relative to the package folder. */
export const CHANGED_FILE = 'src/core.js';
