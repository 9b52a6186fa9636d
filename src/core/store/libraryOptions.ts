import type { Logger } from '../provider/types';
import type { LibraryFileOps } from './storeFiles';
import type { WorkspaceDescription } from './workspaceIdentity';

/** What the host gives the library when it opens it; everything but the root, the workspace and the logger has a default. */
export interface LibraryOptions {
  /** The host's global storage directory. */
  root: string;
  workspace: WorkspaceDescription;
  logger: Logger;
  now?: () => number;
  /** Streaming checkpoints at most this often; 500 ms. */
  checkpointIntervalMs?: number;
  /** Another writer's checkpoint older than this, with no sign of its process, is taken as left by a crash; 2 minutes. */
  staleCheckpointMs?: number;
  /** First retry of a failed write; doubles up to `maxRetryMs`. 500 ms and 30 s. */
  initialRetryMs?: number;
  maxRetryMs?: number;
  /** Replaces some of the disk operations (a test makes the disk full). */
  fileOps?: Partial<LibraryFileOps>;
}
