#!/usr/bin/env node
// Runs the TypeScript CLI in this same process through tsx's loader, so the package works from a clone
// without a build step and Ctrl-C / SIGTERM reach the run directly (it tears down and writes its report).
import { register } from 'tsx/esm/api';

register();
await import('../harness/cli/main.ts');
