package hub_test

import (
	"time"

	"motcua/data/calendar"
	"motcua/data/vntext"
)

func dateOf(s string) calendar.Date {
	t, err := time.ParseInLocation("2006-01-02", s, vntext.Zone())
	if err != nil {
		panic(err)
	}
	return calendar.DateOf(t)
}
