// Package calendar is the working calendar of a one-stop office: civil
// dates, the Vietnamese lunar calendar, statutory and officially announced
// days off, working hours, and the due date of a dossier.
//
// It depends on the standard library only, so every other layer (store,
// reports, UI, demo generator) can use it without pulling anything in.
package calendar

import (
	"sort"
	"sync"
	"time"
)

var vnLoc = sync.OnceValue(func() *time.Location {
	if loc, err := time.LoadLocation("Asia/Ho_Chi_Minh"); err == nil {
		return loc
	}
	// Windows PCs often have no tz database; Vietnam has kept UTC+7
	// without daylight saving since 1975, so a fixed zone is exact for
	// every dossier the app will see.
	return time.FixedZone("ICT", 7*3600)
})

// VietnamLocation is Asia/Ho_Chi_Minh, or a fixed UTC+7 zone when the time
// zone database is missing.
func VietnamLocation() *time.Location { return vnLoc() }

// Calendar answers "is this a working day" and "when is this due" for one
// office. It is safe for concurrent use.
//
// The days off of a year are the official days (announced by the
// government or the province, imported from CSV or edited by the
// administrator) merged with Statutory(year) period by period. Each
// statutory period — Tết Dương lịch, Tết Nguyên đán, Giỗ Tổ Hùng Vương,
// 30/4–1/5, Quốc khánh, Ngày Văn hóa Việt Nam — has a window around it
// (Tết: 23 Chạp to mùng 10 Giêng; Giỗ Tổ: ±7 days; 30/4–1/5: 23/4 to 10/5;
// 2/9: 26/8 to 10/9; 1/1: 25/12 of the year before to 7/1; 24/11: 17/11 to
// 1/12). If any official day lies in a period's window, the announcement
// covers that period and its computed days are dropped: the government may
// have moved, swapped or added days and a computed day would contradict
// it. Otherwise the computed holidays of the period are used, with their
// compensatory days placed around the official days off. So a year the
// official list covers fully gives exactly that list, and a year with only
// part announced (2027 without Tết) gets the computed Tết plus the rest.
//
// A list never takes away a day the law gives (Labour Code 2019 art. 112) by
// leaving it out: in a covered period, a holiday fixed by date (1/1, Giỗ Tổ,
// 30/4, 1/5, 2/9, 24/11) that the list does not name is still a holiday, and
// so are computed days for any shortfall in the days the government places —
// Tết's five, the day next to 2/9 (a list giving 2/9/2027 alone still gets
// 3/9) — on dates the list does not name, with a compensatory day for such a
// holiday on a weekend unless the list already gives one. These days are
// computed (tag C). A date the list names is as the list says: a worked day
// set there on purpose (an office on duty at Tết) stays worked.
type Calendar struct {
	loc   *time.Location
	hours Hours

	mu       sync.RWMutex
	official map[Date]Day
	years    map[int]*yearInfo
}

// yearInfo is the effective calendar of one year, built on first use.
// It is never modified after it is published, so readers share it freely.
type yearInfo struct {
	first, last int // JDN of 1 January and 31 December
	days        []Day
	work        [6]uint64 // bit i: day first+i is a working day
}

// New makes a calendar for an office. A nil loc means VietnamLocation();
// hours that fail Validate are replaced by DefaultHours() so that a bad
// setting cannot stop the office from computing due dates (the settings
// screen is where Validate belongs). When official lists one date twice,
// the later entry wins, as an administrator's edit appended to a list would.
func New(loc *time.Location, hours Hours, official []Day) *Calendar {
	if loc == nil {
		loc = VietnamLocation()
	}
	if hours.Validate() != nil {
		hours = DefaultHours()
	}
	c := &Calendar{loc: loc, hours: hours}
	c.SetOfficial(official)
	return c
}

// SetOfficial replaces the official days (after an import or an edit).
func (c *Calendar) SetOfficial(official []Day) {
	m := make(map[Date]Day, len(official))
	for _, d := range official {
		d.Date = D(d.Date.Year, d.Date.Month, d.Date.Day)
		m[d.Date] = d
	}
	c.mu.Lock()
	c.official = m
	c.years = make(map[int]*yearInfo)
	c.mu.Unlock()
}

// Official is the official list, sorted by date.
func (c *Calendar) Official() []Day {
	c.mu.RLock()
	out := make([]Day, 0, len(c.official))
	for _, d := range c.official {
		out = append(out, d)
	}
	c.mu.RUnlock()
	sortDays(out)
	return out
}

// Location is the zone in which the office's days and hours are counted.
func (c *Calendar) Location() *time.Location { return c.loc }

// Hours are the office's working hours.
func (c *Calendar) Hours() Hours { return c.hours }

func (c *Calendar) year(y int) *yearInfo {
	c.mu.RLock()
	yi := c.years[y]
	c.mu.RUnlock()
	if yi != nil {
		return yi
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if yi = c.years[y]; yi == nil {
		yi = c.buildYear(y)
		c.years[y] = yi
	}
	return yi
}

// buildYear applies the merge rule described on Calendar. c.mu is held.
func (c *Calendar) buildYear(y int) *yearInfo {
	var kept []group
	var lawful, lawfulComp []Day // what the law gives in covered periods and the list lacks
	forced := map[Date]bool{}
	for _, g := range statutoryGroups(y) {
		covered := false
		for d := g.from; !d.After(g.to) && !covered; d = d.AddDays(1) {
			_, covered = c.official[d]
		}
		if !covered {
			kept = append(kept, g)
			continue
		}
		hs, comp := c.lawful(g)
		for _, h := range hs {
			if !forced[h.Date] {
				forced[h.Date] = true
				lawful = append(lawful, h)
			}
		}
		lawfulComp = append(lawfulComp, comp...)
	}
	hs := mergeHolidays(kept)
	off := make(map[Date]bool)
	for d, day := range c.official {
		if day.Kind.Off() {
			off[d] = true
		}
	}
	for _, h := range hs {
		off[h.Date] = true
	}
	for _, h := range lawful {
		off[h.Date] = true
	}
	computed := append(hs, addComp(hs, off)...)
	sortDays(lawfulComp)
	computed = append(computed, addComp(lawfulComp, off)...)

	yi := &yearInfo{first: jdn(y, 1, 1), last: jdn(y, 12, 31)}
	for d, day := range c.official {
		if d.Year == y {
			yi.days = append(yi.days, day)
		}
	}
	for _, day := range lawful {
		if day.Date.Year == y {
			yi.days = append(yi.days, day)
		}
	}
	for _, day := range computed {
		if _, dup := c.official[day.Date]; !dup && !forced[day.Date] && day.Date.Year == y {
			yi.days = append(yi.days, day)
		}
	}
	sortDays(yi.days)

	for j := yi.first; j <= yi.last; j++ {
		if wd := weekdayOf(j); wd != time.Saturday && wd != time.Sunday {
			yi.set(j, true)
		}
	}
	for _, day := range yi.days {
		switch {
		case day.Kind.Off():
			yi.set(day.Date.jdn(), false)
		case day.Kind == Makeup:
			yi.set(day.Date.jdn(), true)
		}
	}
	return yi
}

// lawful is what the law gives in period g, which the official list covers, and the list is
// silent on (see Calendar): the fixed holidays it does not name, computed days for a shortfall in
// the days the government places, and — among those — the ones on a weekend that need a
// compensatory day the list does not already give.
func (c *Calendar) lawful(g group) (hs, comp []Day) {
	computed := make(map[Date]Day, len(g.days))
	for _, d := range g.days {
		computed[d.Date] = d
	}
	named := func(d Date) bool { _, ok := c.official[d]; return ok }
	for _, d := range g.fixed {
		if !named(d) {
			hs = append(hs, computed[d])
		}
	}
	have := 0
	for _, d := range g.pick {
		if day, ok := c.official[d]; ok && day.Kind == Holiday {
			have++
		}
	}
	for _, d := range g.fill {
		if have >= g.need {
			break
		}
		if !named(d) {
			hs = append(hs, computed[d])
			have++
		}
	}
	// Weekend holidays of the period against the comp days the list gives for them.
	owed := 0
	for d := g.from; !d.After(g.to); d = d.AddDays(1) {
		day, ok := c.official[d]
		switch {
		case ok && day.Kind == Holiday && isWeekend(d):
			owed++
		case ok && day.Kind == Comp:
			owed--
		}
	}
	for _, h := range hs {
		if isWeekend(h.Date) {
			if owed++; owed > 0 {
				comp = append(comp, h)
			}
		}
	}
	return hs, comp
}

func isWeekend(d Date) bool { wd := d.Weekday(); return wd == time.Saturday || wd == time.Sunday }

func (yi *yearInfo) set(j int, on bool) {
	i := j - yi.first
	if on {
		yi.work[i>>6] |= 1 << (uint(i) & 63)
	} else {
		yi.work[i>>6] &^= 1 << (uint(i) & 63)
	}
}

// Year is the effective special days of year y, sorted by date.
func (c *Calendar) Year(y int) []Day {
	return append([]Day(nil), c.year(y).days...)
}

// Lookup is the effective special day on d, if any.
func (c *Calendar) Lookup(d Date) (Day, bool) {
	d = D(d.Year, d.Month, d.Day)
	days := c.year(d.Year).days
	i := sort.Search(len(days), func(i int) bool { return !days[i].Date.Before(d) })
	if i < len(days) && days[i].Date == d {
		return days[i], true
	}
	return Day{}, false
}

// IsWorkingDay reports whether the office works on d.
func (c *Calendar) IsWorkingDay(d Date) bool {
	k := cursor{c: c}
	return k.working(d.jdn())
}

// NextWorkingDay is the first working day after d.
func (c *Calendar) NextWorkingDay(d Date) Date {
	k := cursor{c: c}
	return fromJDN(k.next(d.jdn()))
}

// cursor remembers the year last looked at, so that walking day by day
// takes the lock once per year instead of once per day. It lives on the
// caller's stack: the hot path allocates nothing.
type cursor struct {
	c  *Calendar
	yi *yearInfo
}

func (k *cursor) working(j int) bool {
	yi := k.yi
	if yi == nil || j < yi.first || j > yi.last {
		yi = k.c.year(fromJDN(j).Year)
		k.yi = yi
	}
	i := j - yi.first
	if i < 0 || j > yi.last {
		// Only for day numbers before year −4800, where the integer date
		// formulas stop being inverses of each other.
		wd := weekdayOf(j)
		return wd != time.Saturday && wd != time.Sunday
	}
	return yi.work[i>>6]>>(uint(i)&63)&1 != 0
}

// maxScan bounds the search for a working day, so that a calendar edited
// into ten years without one cannot hang the application.
const maxScan = 3660

func (k *cursor) next(j int) int {
	for i := 0; i < maxScan; i++ {
		j++
		if k.working(j) {
			return j
		}
	}
	return j
}

// pos is a moment as the office sees it: a day number and the wall-clock
// time since that day's midnight. Working time is counted on the wall clock.
type pos struct {
	day int
	off time.Duration
}

func (c *Calendar) pos(t time.Time) pos {
	t = t.In(c.loc)
	y, m, d := t.Date()
	h, mi, s := t.Clock()
	return pos{jdn(y, m, d), time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute +
		time.Duration(s)*time.Second + time.Duration(t.Nanosecond())}
}

func (c *Calendar) time(p pos) time.Time {
	d := fromJDN(p.day)
	o := p.off
	return time.Date(d.Year, d.Month, d.Day, int(o/time.Hour), int(o%time.Hour/time.Minute),
		int(o%time.Minute/time.Second), int(o%time.Second), c.loc)
}

func (c *Calendar) normalize(k *cursor, p pos) pos {
	h := &c.hours
	switch {
	case !k.working(p.day) || p.off >= h.Close.dur():
		return pos{k.next(p.day), h.Open.dur()}
	case p.off < h.Open.dur():
		p.off = h.Open.dur()
	case p.off >= h.LunchStart.dur() && p.off < h.LunchEnd.dur():
		p.off = h.LunchEnd.dur()
	}
	return p
}

// addWork adds d > 0 of working time to a normalised p. The result is the
// first instant at which d has elapsed, so it may be exactly LunchStart or
// Close, never the next session's start.
func (c *Calendar) addWork(k *cursor, p pos, d time.Duration) pos {
	h := &c.hours
	open, ls, le, cl := h.Open.dur(), h.LunchStart.dur(), h.LunchEnd.dur(), h.Close.dur()
	perDay := h.PerDay()
	for {
		if p.off < ls {
			if avail := ls - p.off; d <= avail {
				p.off += d
				return p
			} else {
				d -= avail
				p.off = le
			}
		}
		if avail := cl - p.off; d <= avail {
			p.off += d
			return p
		} else {
			d -= avail
		}
		p.day, p.off = k.next(p.day), open
		for d > perDay {
			d -= perDay
			p.day = k.next(p.day)
		}
	}
}

// Normalize moves t into working time: before opening → opening; during
// lunch → end of lunch; at or after closing, or on a day off → opening of
// the next working day. The result is in the calendar's location.
func (c *Calendar) Normalize(t time.Time) time.Time {
	k := cursor{c: c}
	return c.time(c.normalize(&k, c.pos(t)))
}

// AddWorking adds working time d to t (normalised first), skipping lunch,
// closed hours and days off. d <= 0 returns t unchanged (in the calendar's
// location): adding nothing must not move a due date.
func (c *Calendar) AddWorking(t time.Time, d time.Duration) time.Time {
	if d <= 0 {
		return t.In(c.loc)
	}
	k := cursor{c: c}
	return c.time(c.addWork(&k, c.normalize(&k, c.pos(t)), d))
}

// WorkingBetween is the working time inside [a, b]; 0 when b <= a.
func (c *Calendar) WorkingBetween(a, b time.Time) time.Duration {
	if !b.After(a) {
		return 0
	}
	h := &c.hours
	open, ls, le, cl := h.Open.dur(), h.LunchStart.dur(), h.LunchEnd.dur(), h.Close.dur()
	pa, pb := c.pos(a), c.pos(b)
	k := cursor{c: c}
	var total time.Duration
	for j := pa.day; j <= pb.day; j++ {
		if !k.working(j) {
			continue
		}
		lo, hi := time.Duration(0), 48*time.Hour
		if j == pa.day {
			lo = pa.off
		}
		if j == pb.day {
			hi = pb.off
		}
		total += overlap(lo, hi, open, ls) + overlap(lo, hi, le, cl)
	}
	return total
}

func overlap(a, b, c, d time.Duration) time.Duration {
	lo, hi := max(a, c), min(b, d)
	if hi > lo {
		return hi - lo
	}
	return 0
}

// Due is the due date of a dossier received at received with limit l, in
// the calendar's location; false when there is none (no limit, or a limit
// that fails Validate).
//
// Working limits: H = l.WorkingHours() is split into whole days H/8 and
// part hours H%8. From the normalised reception time the part hours are
// added as working time, then the whole days as "same time of day on the
// N-th next working day". The result is the earliest instant at which the
// time has elapsed, so a count that ends exactly at closing or at lunch
// stays there (17:00, not 07:00 the next morning) — and for the same reason
// a whole-day count that starts exactly at opening (a dossier received
// before 07:00, at the weekend or on a holiday) ends at closing of the last
// day rather than at opening of the day after: received Saturday, one
// working day → Monday 17:00.
//
// A limit of 0 working days (or 0 hours) means "within the working day",
// since a zero count would make the dossier late on arrival: received on a
// working day up to the cut-off → closing time that day; received after it
// (or on a day off) → closing time of the next working day. The cut-off is
// judged in whole minutes, as the receipt prints the time: 15:00:30 is
// 15:00, which is not after 15:00 (docs/HUONG-DAN.md, Giờ làm việc).
//
// Calendar days: received + N×24 h; when that falls on a day off it moves
// to the same time on the next working day.
func (c *Calendar) Due(received time.Time, l Limit) (time.Time, bool) {
	if l.Unit == NoLimit || l.Validate() != nil {
		return time.Time{}, false
	}
	k := cursor{c: c}
	h := &c.hours
	if l.Unit == CalendarDays {
		p := c.pos(received.In(c.loc).Add(time.Duration(l.Value * float64(24*time.Hour))))
		if !k.working(p.day) {
			p.day = k.next(p.day)
		}
		return c.time(p), true
	}

	total := l.WorkingHours()
	raw := c.pos(received)
	if total == 0 {
		day := raw.day
		if !k.working(day) || raw.off.Truncate(time.Minute) > h.Cutoff.dur() {
			day = k.next(day)
		}
		return c.time(pos{day, h.Close.dur()}), true
	}

	p := c.normalize(&k, raw)
	days, part := total/8, total%8
	if part > 0 {
		p = c.addWork(&k, p, time.Duration(part)*time.Hour)
	} else {
		switch {
		case p.off == h.Open.dur():
			// Opening of day X is closing of the working day before it: the
			// first whole day ends at closing of X itself.
			p.off = h.Close.dur()
			days--
		case p.off == h.LunchEnd.dur() && h.LunchEnd > h.LunchStart:
			p.off = h.LunchStart.dur()
		}
	}
	for ; days > 0; days-- {
		p.day = k.next(p.day)
	}
	return c.time(p), true
}
