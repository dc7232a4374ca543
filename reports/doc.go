// Package reports turns data into documents: the seven forms of docs/DOMAIN.md §9 and the statistics
// of §7–§8, as PDF (gofpdf, embedded Liberation Serif), XLSX and CSV. It never imports Fyne.
//
// Every string reaches the page through Doc, which normalises it to NFC: a decomposed "ễ" typed
// with Unikey would otherwise print as a letter and a floating mark.
package reports
