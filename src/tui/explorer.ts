/**
 * Everything `servflow explore` loads to draw on a terminal: ink, React and
 * the App. `npm run build` also bundles it into explorer.bundle.js
 * (scripts/bundle-explorer.mjs), which opens without resolving hundreds of
 * small modules; without the bundle this file is loaded as it is.
 */
export { render } from 'ink';
export { createElement } from 'react';
export { App } from './App.js';
export { explorerData } from './view-model.js';
