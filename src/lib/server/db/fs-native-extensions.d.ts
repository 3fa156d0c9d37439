// The part of fs-native-extensions (OS file locks; the package ships no types) that we use.
declare module 'fs-native-extensions' {
	/** An exclusive lock on the open file: true when granted, false when another open file holds it. */
	export function tryLock(fd: number): boolean;
}
