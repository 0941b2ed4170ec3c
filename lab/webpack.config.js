// Builds gonsim's JupyterLab into build/: bundle.js (the app, index.js) plus,
// through @jupyterlab/builder's ensureAssets, the listed packages' setting
// schemas (build/schemas), themes (build/themes) and build/style.js.
// Development mode without source maps: the build must stay fast on a
// 2-core CI machine, and the bundle is only ever served from 127.0.0.1.
const fs = require('fs');
const path = require('path');
const webpack = require('webpack');
const { Build } = require('@jupyterlab/builder');
const data = require('./package.json');

const listed = [...data.jupyterlab.extensions, ...data.jupyterlab.mimeExtensions];
const imported = [...fs.readFileSync(path.join(__dirname, 'index.js'), 'utf8')
  .matchAll(/import\('([^']+)'\)/g)].map((m) => m[1]).filter((n) => n !== './build/style.js');
const diff = listed.filter((n) => !imported.includes(n)).concat(imported.filter((n) => !listed.includes(n)));
if (diff.length) {
  throw new Error(`index.js and package.json's jupyterlab lists disagree on: ${diff.join(', ')}`);
}

const assets = Build.ensureAssets({
  packageNames: listed,
  output: path.join(__dirname, 'build'),
  hashFunction: 'sha256',
});

module.exports = [
  {
    entry: ['whatwg-fetch', './index.js'],
    output: {
      path: path.join(__dirname, 'build'),
      filename: 'bundle.js',
      hashFunction: 'sha256',
    },
    bail: true,
    devtool: false,
    mode: 'development',
    module: {
      rules: [
        { test: /\.css$/, use: ['style-loader', 'css-loader'] },
        { test: /\.html$/, type: 'asset/resource' },
        { test: /\.md$/, type: 'asset/source' },
        { test: /\.(jpg|png|gif)$/, type: 'asset/resource' },
        { test: /\.js\.map$/, type: 'asset/resource' },
        { test: /\.(woff2?|ttf|eot)(\?v=\d+\.\d+\.\d+)?$/, type: 'asset/resource' },
        // SVGs in stylesheets become data URIs; imported from JS (LabIcon)
        // they are needed as the raw markup.
        {
          test: /\.svg(\?v=\d+\.\d+\.\d+)?$/,
          issuer: /\.css$/,
          use: { loader: 'svg-url-loader', options: { encoding: 'none', limit: 10000 } },
        },
        { test: /\.svg(\?v=\d+\.\d+\.\d+)?$/, issuer: /\.js$/, type: 'asset/source' },
      ],
    },
    plugins: [
      new webpack.DefinePlugin({
        // Some dependencies read process.env and process.cwd().
        'process.env': '{}',
        process: { cwd: () => '/' },
      }),
    ],
  },
].concat(assets);
