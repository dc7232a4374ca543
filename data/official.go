package data

import (
	"bytes"
	"embed"

	"motcua/data/calendar"
	"motcua/data/vntext"
)

// The reference files of ../shared/data ship inside the program: a new office starts with the
// official calendar, and the demo office with the real catalog, without any file to hand.
//
//go:embed official/calendar-vn-official.csv official/catalog.csv
var officialFS embed.FS

// OfficialCalendar is the state sector's official days off and worked Saturdays, 2024–2027.
func OfficialCalendar() ([]calendar.Day, error) {
	b, err := officialFS.ReadFile("official/calendar-vn-official.csv")
	if err != nil {
		return nil, err
	}
	return calendar.ParseCSV(bytes.NewReader(b))
}

// OfficialCatalogCSV is the sample catalog of 52 real procedures, in the import shape.
func OfficialCatalogCSV() []byte {
	b, _ := officialFS.ReadFile("official/catalog.csv")
	return b
}

// DefaultCalendar is the calendar used before any office exists (the due and holidays commands on a
// fresh PC): official days, default working hours.
func DefaultCalendar() (*calendar.Calendar, error) {
	days, err := OfficialCalendar()
	if err != nil {
		return nil, err
	}
	return calendar.New(vntext.Zone(), calendar.DefaultHours(), days), nil
}
