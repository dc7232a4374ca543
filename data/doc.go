// Package data holds the domain of a one-stop office (Bộ phận Một cửa) and its SQLite store.
//
// Every change to a dossier is an immutable Event. The dossiers table and the search index are
// projections of the event log, written in the same transaction as the event, so they can be
// rebuilt from the log at any time (Store.Rebuild) and sync is a union of events by id.
// Workflow rules (which event is allowed in which status, by which role) live here, not in the
// GUI, so the command line, the GUI and replayed events obey the same rules.
//
// This package never imports Fyne.
package data
