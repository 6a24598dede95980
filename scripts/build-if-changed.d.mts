/** True when .next holds a build of the current sources (building it first if needed). */
export function buildIfChanged(): boolean;
