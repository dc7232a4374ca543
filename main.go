// Command motcua is the desktop application of a one-stop office (Bộ phận Một cửa). With no
// subcommand it opens the window; with one (demo, due, find, stats, …) it runs headless.
package main

import (
	"fmt"
	"os"
	"strings"

	"motcua/cli"
)

// version and buildDate are set at build time (make build/run/dist: -X main.version=… from
// FyneApp.toml, -X main.buildDate=… the date of the last commit).
var version, buildDate = "dev", ""

func main() {
	args := os.Args[1:]
	if len(args) > 0 && (args[0] == "--version" || args[0] == "version") {
		fmt.Println(strings.TrimSpace("motcua " + version + " " + buildDate))
		return
	}
	if len(args) > 0 && cli.IsCommand(args[0]) {
		attachConsole()
		os.Exit(cli.Main(args, os.Stdout, os.Stderr))
	}
	dataDir, err := guiDataDir(args)
	if err != nil {
		fmt.Fprintln(os.Stderr, "motcua:", err)
		os.Exit(2)
	}
	if err := startGUI(dataDir, version, buildDate); err != nil {
		msg := oneLine(err.Error())
		fmt.Fprintln(os.Stderr, "motcua:", msg)
		alert("Một Cửa", msg)
		os.Exit(1)
	}
}
