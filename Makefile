# Một Cửa — build, test and developer tasks. GNU make, bash recipes.
# "make" alone lists the targets.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

GO       ?= go
# Build tags used by every build, test and benchmark:
#   sqlite_fts5      full-text search in go-sqlite3
#   migrated_fynedo  Fyne: the app uses fyne.Do from goroutines (matches FyneApp.toml [Migrations])
TAGS     := sqlite_fts5 migrated_fynedo
FUZZTIME ?= 20s
ARGS     ?=

export CGO_ENABLED := 1

STATICCHECK_VERSION := 2026.2.2
STATICCHECK_MODULE  := v0.8.2
# The first GOPATH entry (the list separator is ";" on Windows, ":" elsewhere; spaces are kept).
GOBIN_DIR   := $(shell p="$$($(GO) env GOPATH)"; if [[ "$$($(GO) env GOOS)" == windows ]]; then echo "$${p%%;*}"; else echo "$${p%%:*}"; fi)/bin
GOEXE       := $(shell $(GO) env GOEXE)
STATICCHECK := $(GOBIN_DIR)/staticcheck$(GOEXE)

# The race detector needs cgo and one of these platforms.
GOOSARCH := $(shell $(GO) env GOOS)/$(shell $(GO) env GOARCH)
RACE := $(if $(and $(filter 1,$(shell $(GO) env CGO_ENABLED)),$(filter linux/amd64 linux/arm64 windows/amd64 darwin/amd64 darwin/arm64,$(GOOSARCH))),-race)

# Evaluated when make starts; "make test" runs its checks in a sub-make, so packages that
# "deps" has just installed (xvfb) are seen.
# Tests run under a virtual X display when there is no display and xvfb-run (+ xauth) exist
# (a test that opens a real window then behaves as on a desktop).
TEST_WRAP := $(if $(DISPLAY)$(WAYLAND_DISPLAY),,$(if $(shell command -v xvfb-run && command -v xauth),xvfb-run -a -s '-screen 0 1280x800x24'))

HUB_DIR := cmd/motcua-hub

# The version lives in FyneApp.toml; the build date is the last commit's (reproducible).
VERSION    := $(shell sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
BUILD_DATE := $(shell git log -1 --format=%cs 2>/dev/null)
LDFLAGS    := -X main.version=$(VERSION) -X main.buildDate=$(BUILD_DATE)

.PHONY: help deps tools run build windows smoke-windows smoke-windows-broken dist test fmt-check vet staticcheck unit bench fuzz screenshots icons clean

help: ## list the targets
	@echo "Một Cửa — make targets:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  \1\t\2/' | expand -t 16
	@echo "Variables: ARGS (for run), FUZZTIME (default $(FUZZTIME))."
	@echo "Build tags: $(TAGS); staticcheck $(STATICCHECK_VERSION) in $(GOBIN_DIR)"

deps: ## install missing system packages (Debian/Ubuntu; prints what is needed elsewhere)
	@bash scripts/deps.sh

tools: ## install the pinned staticcheck into GOPATH/bin when missing or another version
	@if [[ "$$("$(STATICCHECK)" -version 2>/dev/null)" != *" $(STATICCHECK_VERSION) "* ]]; then \
		echo "installing staticcheck $(STATICCHECK_VERSION)"; \
		GOBIN="$(GOBIN_DIR)" $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_MODULE); \
	fi

run: deps ## open the app (make run ARGS="--data /tmp/x")
	$(GO) run -tags '$(TAGS)' -ldflags '$(LDFLAGS)' . $(ARGS)

build: deps ## build bin/motcua (and bin/motcua-hub when cmd/motcua-hub exists)
	$(GO) build -tags '$(TAGS)' -ldflags '$(LDFLAGS)' -o bin/motcua$(GOEXE) .
	@if [[ -d $(HUB_DIR) ]]; then \
		echo "$(GO) build -tags '$(TAGS)' -ldflags '$(LDFLAGS)' -o bin/motcua-hub$(GOEXE) ./$(HUB_DIR)"; \
		$(GO) build -tags '$(TAGS)' -ldflags '$(LDFLAGS)' -o bin/motcua-hub$(GOEXE) ./$(HUB_DIR); \
	fi

windows: ## cross-compile bin/motcua.exe (mingw-w64) and check it is a 64-bit Windows GUI program
	@bash scripts/deps.sh gcc-mingw-w64-x86-64 file
	CC=x86_64-w64-mingw32-gcc GOOS=windows GOARCH=amd64 $(GO) build -tags '$(TAGS)' \
		-ldflags '$(LDFLAGS) -H=windowsgui -s -w' -o bin/motcua.exe .
	@out="$$(file bin/motcua.exe)"; echo "$$out"; [[ $$out == *'PE32+ executable (GUI) x86-64'* ]]

smoke-windows: windows ## run bin/motcua.exe under Wine: same output as Linux, window drawn, no-OpenGL message (scripts/wine-smoke.sh)
	@TAGS='$(TAGS)' LDFLAGS='$(LDFLAGS)' GO='$(GO)' bash scripts/wine-smoke.sh

smoke-windows-broken: ## check that the Windows smoke test fails on a build that panics at start
	@TAGS='$(TAGS)' LDFLAGS='$(LDFLAGS)' GO='$(GO)' bash scripts/wine-smoke.sh --expect-failure

dist: ## build the release into dist/: Windows .exe, Linux .tar.xz, the hub (scripts/dist.sh)
	@GO='$(GO)' bash scripts/dist.sh

test: deps tools ## gofmt check, go vet, staticcheck, go test (-race where supported)
	@$(MAKE) --no-print-directory fmt-check vet staticcheck unit

fmt-check: ## fail listing Go files that gofmt would change
	@bash scripts/gofmt-check.sh

vet: ## go vet
	$(GO) vet -tags '$(TAGS)' ./...

staticcheck: tools ## staticcheck
	"$(STATICCHECK)" -tags '$(TAGS)' ./...

unit: ## go test only (no deps, no linters)
	$(TEST_WRAP) $(GO) test $(RACE) -tags '$(TAGS)' -count=1 -timeout 30m ./...

bench: deps ## run the benchmarks (they print their own targets), one package at a time
	$(GO) test -p 1 -run '^$$' -bench . -benchmem -tags '$(TAGS)' -timeout 90m ./...

fuzz: deps ## run every Fuzz target for FUZZTIME each (make fuzz FUZZTIME=1m)
	@FUZZTIME='$(FUZZTIME)' TAGS='$(TAGS)' GO='$(GO)' bash scripts/fuzz.sh

screenshots: deps ## render the screenshots into docs/screenshots at 1366×768 and docs/screenshots/1920x1080 (headless)
	MOTCUA_SCREENSHOTS=$(CURDIR)/docs/screenshots $(GO) test -tags '$(TAGS)' -count=1 -run '^TestScreenshots$$' ./app

icons: ## re-render icons/icon-*.png from icons/icon.svg (needs rsvg-convert)
	@bash scripts/icons.sh

clean: ## remove build outputs
	rm -rf bin dist
	rm -f motcua motcua-hub motcua.exe motcua-hub.exe *.test *.prof
