// Package official holds the reference files of ../shared/data that ship inside the program: the
// state sector's official calendar and the sample catalog of real procedures. It is the only copy
// in the repository; package data reads it for a new office and the demo, and the tests of data
// and data/calendar read the same bytes (this package imports nothing, so both can).
package official

import (
	_ "embed" // the files below
)

//go:embed calendar-vn-official.csv
var calendarCSV string

//go:embed catalog.csv
var catalogCSV string

// CalendarCSV is the official days off and worked Saturdays, 2024–2027, in the shape
// calendar.ParseCSV reads (date,kind,label,tag). A new copy on each call.
func CalendarCSV() []byte { return []byte(calendarCSV) }

// CatalogCSV is the sample catalog of 52 real procedures, in the shape data.ParseCatalogCSV reads.
// A new copy on each call.
func CatalogCSV() []byte { return []byte(catalogCSV) }
