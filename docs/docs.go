// Package docs ships the user guide inside the program, so that Trợ giúp → Hướng dẫn sử dụng
// opens it without a network or a copy of the source.
package docs

import _ "embed"

// Guide is docs/HUONG-DAN.md, the user guide for the office's officers (Markdown).
//
//go:embed HUONG-DAN.md
var Guide string
