// Package pdftest reads back the text of the PDFs the tests write, with pdftotext (poppler-utils,
// installed by make deps): one way for every package's tests.
package pdftest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Mode is how pdftotext orders the text.
type Mode string

const (
	// Layout keeps the physical layout: a table's columns stay side by side on one line.
	Layout Mode = "-layout"
	// Raw is drawing order: a table's cells come row by row, each cell whole.
	Raw Mode = "-raw"
	// Reading is pdftotext's default reading order.
	Reading Mode = ""
)

// Installed reports whether pdftotext can be run, for tests that check the text only when it can.
func Installed() bool {
	_, err := exec.LookPath("pdftotext")
	return err == nil
}

// Text is the text of a PDF in the given mode. The test is skipped when pdftotext is missing.
func Text(tb testing.TB, pdf []byte, mode Mode) string {
	tb.Helper()
	if !Installed() {
		tb.Skip("pdftotext not installed (make deps installs poppler-utils)")
	}
	path := filepath.Join(tb.TempDir(), "x.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		tb.Fatal(err)
	}
	return FileText(tb, path, mode)
}

// FileText is the text of the PDF file at path in the given mode. The test is skipped when
// pdftotext is missing.
func FileText(tb testing.TB, path string, mode Mode) string {
	tb.Helper()
	if !Installed() {
		tb.Skip("pdftotext not installed (make deps installs poppler-utils)")
	}
	var args []string
	if mode != Reading {
		args = append(args, string(mode))
	}
	out, err := exec.Command("pdftotext", append(args, path, "-")...).Output()
	if err != nil {
		tb.Fatalf("pdftotext %s: %v", path, err)
	}
	return string(out)
}

// Flat joins the lines of a text and collapses its spaces, so that a phrase wrapped over two
// lines or split into columns still matches.
func Flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// Searchable is the text of a PDF in both layout and drawing order, each flattened: a phrase
// matches whether -layout keeps it on one line or only -raw keeps a table cell's wrapped lines
// together. The test is skipped when pdftotext is missing.
func Searchable(tb testing.TB, pdf []byte) string {
	tb.Helper()
	return Flat(Text(tb, pdf, Layout)) + " " + Flat(Text(tb, pdf, Raw))
}
