/** Test entry for the reloaded window of the restart check. */
import * as path from 'node:path';
import { runTestFiles } from '../index';

export function run(): Promise<void> {
  return runTestFiles([path.join(__dirname, 'phase2.test.js')]);
}
