package data

import (
	"bytes"

	"motcua/data/calendar"
	"motcua/data/official"
	"motcua/data/vntext"
)

// OfficialCalendar is the state sector's official days off and worked Saturdays, 2024–2027 (the
// file embedded in package official): a new office starts with it, without any file to hand.
func OfficialCalendar() ([]calendar.Day, error) {
	return calendar.ParseCSV(bytes.NewReader(official.CalendarCSV()))
}

// OfficialCatalogCSV is the sample catalog of 52 real procedures, in the import shape.
func OfficialCatalogCSV() []byte { return official.CatalogCSV() }

// DefaultCalendar is the calendar used before any office exists (the due and holidays commands on a
// fresh PC): official days, default working hours.
func DefaultCalendar() (*calendar.Calendar, error) {
	days, err := OfficialCalendar()
	if err != nil {
		return nil, err
	}
	return calendar.New(vntext.Zone(), calendar.DefaultHours(), days), nil
}
