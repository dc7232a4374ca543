//go:build smokebreak

package main

// A deliberately broken build for the smoke test's own check (scripts/wine-smoke.sh
// --expect-failure): a program that dies at start must make the smoke test fail. Never part of
// a real build: only the smokebreak build tag compiles this file.
func init() {
	panic("smokebreak: this build is broken on purpose (scripts/wine-smoke.sh --expect-failure)")
}
