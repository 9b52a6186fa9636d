/** Test entry for the first window of the restart check. */
import * as path from 'node:path';
import { runTestFiles } from '../index';

export function run(): Promise<void> {
  return runTestFiles([path.join(__dirname, 'phase1.test.js')]);
}
