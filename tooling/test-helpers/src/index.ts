export { headingAnchors, missingAnchors } from './markdown-anchors.js';
