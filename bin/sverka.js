#!/usr/bin/env node
// `npx sverka …`: runs the TypeScript command line through tsx, so there is no separate build step.
import { register } from 'tsx/esm/api';

register();
await import('../server/cli/main.ts');
