// Command motcua is the desktop application of a one-stop office (Bộ phận Một cửa). With no
// subcommand it opens the window; with one (demo, due, find, stats, …) it runs headless.
package main

import (
	"fmt"
	"os"

	"motcua/cli"
)

// version is set at build time (-ldflags "-X main.version=…"); FyneApp.toml holds the default.
var version = "0.1.0"

func main() {
	args := os.Args[1:]
	if len(args) > 0 && (args[0] == "--version" || args[0] == "version") {
		fmt.Println("motcua", version)
		return
	}
	if len(args) > 0 && cli.IsCommand(args[0]) {
		os.Exit(cli.Main(args, os.Stdout, os.Stderr))
	}
	dataDir, err := guiDataDir(args)
	if err != nil {
		fmt.Fprintln(os.Stderr, "motcua:", err)
		os.Exit(2)
	}
	if err := startGUI(dataDir, version); err != nil {
		msg := oneLine(err.Error())
		fmt.Fprintln(os.Stderr, "motcua:", msg)
		alert("Một Cửa", msg)
		os.Exit(1)
	}
}
