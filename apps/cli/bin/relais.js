#!/usr/bin/env node
// The `relais` command. Runs the TypeScript sources directly through tsx: nothing is built.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
