package vntext

import (
	"sync"
	"time"

	// The office zone must not depend on the PC: Windows has no tz database,
	// and a Linux box may lack the tzdata package. Embedding it (about 450 KB)
	// makes Asia/Ho_Chi_Minh load everywhere, so deadlines and printed times
	// never shift with the machine the app runs on.
	_ "time/tzdata"
)

var zone = sync.OnceValue(func() *time.Location { return loadZone(time.LoadLocation) })

// Zone returns the office time zone, Asia/Ho_Chi_Minh. Should it ever fail
// to load, a fixed UTC+7 zone named "ICT" stands in: Vietnam has kept that
// offset without daylight saving since 1975, so nothing after that differs.
func Zone() *time.Location { return zone() }

func loadZone(load func(string) (*time.Location, error)) *time.Location {
	if loc, err := load("Asia/Ho_Chi_Minh"); err == nil {
		return loc
	}
	return time.FixedZone("ICT", 7*60*60)
}
