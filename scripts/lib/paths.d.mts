export declare function projectRoot(scriptsDir?: string): string;
export declare function hostDir(root: string): string;
export declare function codeServerEntry(root: string): string;
export declare function isTestHostInstalled(root: string): boolean;
export declare function chromiumPath(): string;
export declare function resultsDir(root: string, name?: string): string;
export declare function scratchDir(root: string, label: string): string;
export declare function removeScratchDirs(): void;
