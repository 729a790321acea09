#!/usr/bin/env node
// A committed launcher, so that installing the workspace (a fresh clone, before any build) can link
// the bin; it runs the built command.
import '../dist/cli.js';
