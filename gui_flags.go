package main

import (
	"flag"
	"io"

	"motcua/data"
)

// guiDataDir reads the window's only flag, --data DIR.
func guiDataDir(args []string) (string, error) {
	fs := flag.NewFlagSet("motcua", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	dir := fs.String("data", "", "")
	if err := fs.Parse(args); err != nil {
		return "", err
	}
	return data.DataDir(*dir)
}
