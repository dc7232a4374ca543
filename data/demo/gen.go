package demo

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"motcua/data"
	"motcua/data/calendar"
)

// batchSize is how many dossiers one transaction writes.
const batchSize = 10000

// Stations of the counters, in the order a busy day opens them: the three reception officers sit
// at 1–3; on a heavy day extra counters 4–9 and 0 take the overflow, so that no station ever
// mints more than its block of 999 numbers a day.
var stationOrder = [...]int{1, 2, 3, 4, 5, 6, 7, 8, 9, 0}

// perStation is how many dossiers a counter takes a day at most (its block holds 999).
const perStation = 990

// step is one event of a dossier's planned life.
type step struct {
	at      time.Time
	actor   string
	station int
	p       data.Payload
}

// procInfo is a catalog procedure with everything the generator needs precomputed.
type procInfo struct {
	code, name, field, unit, unitName string
	limit, onlineLimit                calendar.Limit
	docs                              []data.DocCount
	fees                              []data.Fee
	feeTotal                          int64
	pOnline                           float64
	business                          float64
	obligation                        bool
	sameDay                           bool
	long                              bool
	land                              bool
	handlers                          []*staff
	results                           int // result numbers issued
}

type generator struct {
	s      *data.Store
	cal    *calendar.Calendar
	loc    *time.Location
	now    time.Time
	r      *rand.Rand
	ppl    people
	procs  []procInfo
	pick   weighted
	perDay time.Duration
	steps  []step
	apols  int // apology letters issued
}

func newGenerator(ctx context.Context, s *data.Store, now time.Time, seed int64) (*generator, error) {
	r := rand.New(rand.NewPCG(uint64(seed), uint64(seed)^0x9e3779b97f4a7c15))
	g := &generator{s: s, cal: s.Calendar(), loc: s.Location(), now: now.In(s.Location()), r: r}
	g.perDay = g.cal.Hours().PerDay()
	g.ppl = people{r: r, year: g.now.Year()}
	list, err := s.Procedures(ctx, "", 0)
	if err != nil {
		return nil, err
	}
	unitNames := map[string]string{}
	for _, u := range units {
		unitNames[u.Code] = u.Name
	}
	var weights []float64
	onlineBase := func(level string) float64 {
		switch level {
		case "toan_trinh":
			return 3.5
		case "mot_phan":
			return 2.5
		}
		return 1
	}
	expected, totalW := 0.0, 0.0
	for _, lp := range list {
		p, err := s.Procedure(ctx, lp.Code)
		if err != nil {
			return nil, err
		}
		w, ok := procedureWeight[p.Code]
		if !ok {
			w = 0.1
		}
		pi := procInfo{code: p.Code, name: p.Name, field: p.Field, unit: p.Unit, unitName: unitNames[p.Unit],
			limit: p.LimitFor(data.ChannelDirect), onlineLimit: p.LimitFor(data.ChannelOnline),
			business: businessFields[p.FieldName], obligation: obligationProcedures[p.Code],
			land: p.FieldName == "Đất đai" || p.FieldName == "Hoạt động xây dựng"}
		switch p.Code {
		case "2.000884":
			pi.business = 0.05
		case "2.001035", "1.013225":
			pi.business = 0.1
		}
		pi.sameDay = pi.limit.Unit == calendar.WorkingDays && pi.limit.Value == 0
		pi.long = pi.limit.WorkingHours() >= 5*8 || pi.limit.Unit == calendar.CalendarDays
		for _, d := range p.Documents {
			pi.docs = append(pi.docs, data.DocCount{N: d.N, Name: d.Name, Originals: d.Originals, Copies: d.Copies})
		}
		for _, f := range p.Fees {
			if f.Stage == data.FeeAtReception && f.Amount > 0 {
				pi.fees = append(pi.fees, data.Fee{Name: f.Name, Amount: f.Amount})
				pi.feeTotal += f.Amount
			}
		}
		for i := range officers {
			if officers[i].user.Unit == p.Unit {
				pi.handlers = append(pi.handlers, &officers[i])
			}
		}
		if len(pi.handlers) == 0 {
			return nil, fmt.Errorf("đơn vị %s không có cán bộ xử lý", p.Unit)
		}
		pi.pOnline = onlineBase(p.OnlineLevel)
		expected += w * pi.pOnline
		totalW += w
		g.procs = append(g.procs, pi)
		weights = append(weights, w)
	}
	if len(g.procs) == 0 {
		return nil, fmt.Errorf("danh mục thủ tục trống")
	}
	// Scale so that about 14 % of all dossiers are submitted online.
	scale := 0.14 / (expected / totalW)
	for i := range g.procs {
		g.procs[i].pOnline = min(0.9, g.procs[i].pOnline*scale)
	}
	g.pick = newWeighted(weights)
	return g, nil
}

// ---- volume -------------------------------------------------------------------------------

type dayPlan struct {
	date  calendar.Date
	count int
	until int // last second of the day a dossier may be received (today: before now)
}

// days spreads n dossiers over the working days of the 12 months before now, with the rhythm of
// a real office: busy weeks after Tết, a quiet week before it, Mondays and mornings busier.
func (g *generator) days(n int) ([]dayPlan, error) {
	r := g.r
	end := calendar.DateOf(g.now)
	start := calendar.DateOf(g.now.AddDate(-1, 0, 0)).AddDays(1)
	h := g.cal.Hours()
	var plans []dayPlan
	var weights []float64
	for d := start; !d.After(end); d = d.AddDays(1) {
		if !g.cal.IsWorkingDay(d) {
			continue
		}
		w := g.dayWeight(d) * (0.85 + 0.3*r.Float64())
		until := int(h.Close) * 60
		if d == end {
			midnight := d.At(0, 0, g.loc)
			frac := float64(g.cal.WorkingBetween(midnight, g.now)) / float64(g.perDay)
			if frac < 0.02 {
				continue
			}
			w *= min(frac, 1)
			until = min(until, int(g.now.Sub(midnight)/time.Second)-60)
		}
		plans = append(plans, dayPlan{date: d, until: until})
		weights = append(weights, w)
	}
	if len(plans) == 0 {
		return nil, fmt.Errorf("không có ngày làm việc nào trong 12 tháng trước %s", end)
	}
	total := 0.0
	for _, w := range weights {
		total += w
	}
	cum, prev := 0.0, 0
	for i, w := range weights {
		cum += w
		c := int(math.Round(cum / total * float64(n)))
		plans[i].count = c - prev
		prev = c
	}
	// A counter mints at most 999 codes a day: spill what ten stations cannot take to the next
	// days (then, at the end of the period, back to the previous ones).
	capacity := perStation * len(stationOrder)
	over := 0
	for i := range plans {
		plans[i].count += over
		over = max(0, plans[i].count-capacity)
		plans[i].count -= over
	}
	for i := len(plans) - 1; i >= 0 && over > 0; i-- {
		take := min(over, capacity-plans[i].count)
		plans[i].count += take
		over -= take
	}
	if over > 0 {
		return nil, fmt.Errorf("quá nhiều hồ sơ cho một năm (tối đa %d mỗi ngày)", capacity)
	}
	return plans, nil
}

// dayWeight is the relative volume of a working day.
func (g *generator) dayWeight(d calendar.Date) float64 {
	w := 1.0
	switch d.Weekday() {
	case time.Monday:
		w = 1.15
	case time.Tuesday:
		w = 1.05
	case time.Friday:
		w = 0.9
	case time.Saturday, time.Sunday: // a worked (make-up) weekend day
		w = 0.6
	}
	switch d.Month {
	case time.July:
		w *= 1.1
	case time.August: // school enrolment: birth certificate copies, certified copies
		w *= 1.15
	case time.December:
		w *= 1.05
	}
	// Distance to the nearest Tết.
	tet := calendar.Tet(d.Year)
	if k := d.Sub(calendar.Tet(d.Year + 1)); k > -40 {
		tet = calendar.Tet(d.Year + 1)
	}
	switch k := d.Sub(tet); {
	case k >= -28 && k < -8: // the rush to finish papers before Tết
		w *= 1.2
	case k >= -8 && k < 0: // Tết week: little business
		w *= 0.5
	case k >= 0 && k < 8: // first days back: opening ceremonies, a slow start
		w *= 0.8
	case k >= 8 && k < 29: // the first weeks after Tết are the busiest of the year
		w *= 1.6 - 0.45*float64(k-8)/21
	}
	// The first working day after a long break (three days off or more) is busy.
	if !g.cal.IsWorkingDay(d.AddDays(-1)) && !g.cal.IsWorkingDay(d.AddDays(-2)) && !g.cal.IsWorkingDay(d.AddDays(-3)) {
		w *= 1.3
	}
	return w
}

// receptionSlots: how reception times spread over the day (minutes since midnight), mornings
// busier than afternoons.
var receptionSlots = []struct{ from, to int }{
	{420, 480}, {480, 540}, {540, 600}, {600, 660}, {660, 690}, {810, 840}, {840, 900}, {900, 960}, {960, 1020},
}
var slotWeights = newWeighted([]float64{8, 16, 16, 12, 4, 4, 11, 10, 6})

// times draws the reception times of a day, in seconds since midnight, sorted.
func (g *generator) times(dst []int32, p dayPlan) []int32 {
	dst = dst[:0]
	r := g.r
	for range p.count {
		var t int
		for try := 0; ; try++ {
			s := receptionSlots[slotWeights.pick(r)]
			t = s.from*60 + r.IntN((s.to-s.from)*60)
			if t <= p.until {
				break
			}
			if try > 20 { // today, early: anywhere between opening and now
				t = receptionSlots[0].from*60 + r.IntN(max(1, p.until-receptionSlots[0].from*60))
				break
			}
		}
		dst = append(dst, int32(t))
	}
	slices.Sort(dst)
	return dst
}

// ---- one dossier --------------------------------------------------------------------------

// Realistic texts.
var (
	refusalReasons = []string{
		"Hồ sơ không thuộc thẩm quyền giải quyết của UBND xã",
		"Thành phần hồ sơ không đầy đủ theo quy định, công dân chưa bổ sung được ngay",
		"Giấy tờ tùy thân xuất trình đã hết hạn sử dụng",
		"Bản chính giấy tờ có dấu hiệu tẩy xóa, sửa chữa nội dung",
	}
	supplementReasons = []string{
		"Thành phần hồ sơ chưa đầy đủ theo quy định",
		"Thông tin trên tờ khai chưa khớp với giấy tờ tùy thân",
		"Bản sao giấy tờ chưa được chứng thực",
		"Giấy tờ nộp kèm đã hết thời hạn sử dụng",
	}
	apologyReasons = []string{
		"Hồ sơ cần xác minh thêm thông tin tại nơi cư trú trước đây của người yêu cầu",
		"Đang chờ ý kiến phối hợp của cơ quan có liên quan",
		"Công chức thụ lý hồ sơ nghỉ ốm đột xuất, chưa kịp bố trí người thay thế",
		"Phần mềm, cơ sở dữ liệu chuyên ngành gặp sự cố kỹ thuật",
		"Số lượng hồ sơ tăng đột biến, vượt khả năng giải quyết trong thời hạn",
	}
	landApologyReasons = []string{
		"Cần đo đạc, kiểm tra hiện trạng thửa đất tại thực địa",
		"Chờ cơ quan thuế xác định nghĩa vụ tài chính",
		"Hồ sơ địa chính lưu trữ có sai lệch, cần đối soát bản đồ",
	}
	dissatisfiedReasons = []string{
		"Thời gian chờ tại quầy quá lâu",
		"Trả kết quả chậm so với ngày hẹn",
		"Hướng dẫn chưa rõ ràng, phải đi lại nhiều lần",
		"Phải bổ sung hồ sơ nhiều lần",
	}
	withdrawalReasons = []string{
		"Công dân không còn nhu cầu giải quyết",
		"Công dân xin rút hồ sơ để hoàn thiện giấy tờ, sẽ nộp lại sau",
	}
	genericSupplement = data.DocCount{Name: "Giấy tờ chứng minh nơi cư trú", Originals: 1}
)

func (g *generator) uniform(a, b time.Duration) time.Duration {
	return a + time.Duration(g.r.Int64N(int64(b-a)+1))
}

func (g *generator) work(t time.Time, d time.Duration) time.Time {
	return g.cal.AddWorking(t, d).Truncate(time.Second)
}

// later keeps a dossier's events in order: at least a minute after prev.
func (g *generator) later(prev, t time.Time) time.Time {
	if t.Sub(prev) < time.Minute {
		return prev.Add(time.Minute + time.Duration(g.r.IntN(120))*time.Second)
	}
	return t
}

// morning is a time in the first hours of the n-th working day after t's day.
func (g *generator) morning(t time.Time, n int, spread time.Duration) time.Time {
	d := calendar.DateOf(t)
	for range n {
		d = g.cal.NextWorkingDay(d)
	}
	return d.At(7, 0, g.loc).Add(g.uniform(0, spread)).Truncate(time.Second)
}

func (g *generator) add(at time.Time, actor string, station int, p data.Payload) {
	g.steps = append(g.steps, step{at: at, actor: actor, station: station, p: p})
}

func pickStaff(r *rand.Rand, list []*staff) *staff { return list[r.IntN(len(list))] }

// plan writes the life of one dossier received at recv at counter desk into g.steps.
func (g *generator) plan(recv time.Time, desk int) {
	r := g.r
	g.steps = g.steps[:0]
	pi := &g.procs[g.pick.pick(r)]
	counter := &receptionists[desk%len(receptionists)]
	station := stationOrder[desk]
	clerk := counter.user.Username

	channel := data.ChannelDirect
	switch u := r.Float64(); {
	case u < pi.pOnline:
		channel = data.ChannelOnline
	case u < pi.pOnline+0.031:
		channel = data.ChannelPost
	}
	in := data.Intake{Procedure: pi.code, ProcedureName: pi.name, Field: pi.field, Unit: pi.unit,
		Channel: channel, Delivery: data.DeliveryCounter, Documents: pi.docs, Sets: 1, Fees: pi.fees, Limit: pi.limit}
	if channel == data.ChannelOnline {
		in.Limit = pi.onlineLimit
	}
	if channel == data.ChannelPost || (channel == data.ChannelOnline && r.IntN(100) < 15) {
		in.Delivery = data.DeliveryPost
	}
	receiver := ""
	if pi.business > 0 && r.Float64() < pi.business {
		in.Applicant, in.Representative = g.ppl.business()
		receiver = in.Representative.Name
	} else {
		in.Applicant = g.ppl.person(channel == data.ChannelOnline)
		receiver = in.Applicant.Name
	}

	// Reception.
	due, hasDue := g.cal.Due(recv, in.Limit)
	due = due.Truncate(time.Second)
	var duePtr *time.Time
	if hasDue {
		duePtr = &due
	}
	if channel == data.ChannelOnline {
		sub := recv.Add(-g.uniform(10*time.Minute, 20*time.Hour)).Truncate(time.Second)
		g.add(sub, data.System.Username, 0, &data.Submitted{Intake: in})
		g.add(recv, clerk, station, &data.Received{Due: duePtr, FormSet: "2025"})
	} else {
		if r.IntN(1000) < 11 {
			g.add(recv, clerk, station, &data.Refused{Intake: in, Reason: refusalReasons[r.IntN(len(refusalReasons))]})
			return
		}
		g.add(recv, clerk, station, &data.Received{Intake: in, Due: duePtr, FormSet: "2025"})
	}

	// Transfer to the unit: same-day procedures at once; others the same day, or the next
	// working morning when received after 15:00.
	var cur time.Time
	switch {
	case pi.sameDay:
		cur = g.work(recv, g.uniform(2*time.Minute, 20*time.Minute))
	case recv.Hour() < 15:
		cur = g.work(recv, g.uniform(10*time.Minute, 2*time.Hour))
	default:
		cur = g.morning(recv, 1, 90*time.Minute)
	}
	cur = g.later(recv, cur)
	handler := pickStaff(r, pi.handlers)
	g.add(cur, clerk, station, &data.Transferred{ToUnit: pi.unit, ToHandler: handler.user.Username})
	hname, hst := handler.user.Username, handler.station

	remaining := func() time.Duration {
		if !hasDue {
			return 5 * g.perDay
		}
		return g.cal.WorkingBetween(cur, due)
	}

	// Supplements: about 8 %, a few of them twice.
	nsupp := 0
	if r.IntN(1000) < 80 {
		nsupp = 1
		if r.IntN(100) < 12 {
			nsupp = 2
		}
	}
	for range nsupp {
		at := g.later(cur, g.work(cur, max(10*time.Minute, time.Duration(float64(remaining())*(0.05+0.3*r.Float64())))))
		var items []data.DocCount
		if len(pi.docs) == 0 {
			items = []data.DocCount{genericSupplement}
		} else {
			items = append(items, pi.docs[r.IntN(len(pi.docs))])
			if len(pi.docs) > 1 && r.IntN(3) == 0 {
				if d := pi.docs[r.IntN(len(pi.docs))]; d.N != items[0].N {
					items = append(items, d)
				}
			}
		}
		g.add(at, hname, hst, &data.SupplementRequested{Items: items, Reason: supplementReasons[r.IntN(len(supplementReasons))]})
		back := g.work(at, time.Duration(1+r.IntN(5))*g.perDay+g.uniform(0, 4*time.Hour))
		p := &data.SupplementReceived{}
		if hasDue {
			before, after := due, g.work(due, g.cal.WorkingBetween(at, back))
			p.DueBefore, p.DueAfter = &before, &after
			due = after
		}
		back = g.later(at, back)
		desk := &receptionists[r.IntN(len(receptionists))]
		g.add(back, desk.user.Username, desk.station, p)
		cur = back
	}

	// Financial obligation (land: land-use levy, registration tax).
	if pi.obligation && r.IntN(100) < 55 {
		at := g.later(cur, g.work(cur, time.Duration(float64(remaining())*(0.3+0.3*r.Float64()))))
		amount := int64(500+r.IntN(120000)) * 1000
		g.add(at, hname, hst, &data.ObligationRequested{Description: "Nộp tiền sử dụng đất, lệ phí trước bạ theo thông báo của cơ quan thuế", Amount: amount})
		met := g.later(at, g.work(at, time.Duration(2+r.IntN(9))*g.perDay+g.uniform(0, 4*time.Hour)))
		p := &data.ObligationMet{Note: "Đã nộp đủ theo chứng từ nộp ngân sách nhà nước"}
		if hasDue {
			before, after := due, g.work(due, g.cal.WorkingBetween(at, met))
			p.DueBefore, p.DueAfter = &before, &after
			due = after
		}
		g.add(met, hname, hst, p)
		cur = met
	}

	leader := &leaders[0]
	if r.IntN(10) < 4 {
		leader = &leaders[1]
	}

	// Withdrawn (0.5 %): the applicant asks, a leader stops processing.
	if r.IntN(1000) < 5 {
		desk := &receptionists[r.IntN(len(receptionists))]
		at := g.later(cur, g.work(cur, g.uniform(time.Hour, 2*g.perDay)))
		g.add(at, desk.user.Username, desk.station, &data.WithdrawalRequested{Reason: withdrawalReasons[r.IntN(len(withdrawalReasons))]})
		stop := g.later(at, g.work(at, g.uniform(30*time.Minute, 2*g.perDay)))
		p := &data.Stopped{Reason: "Công dân có đơn đề nghị rút hồ sơ", Stage: "Đang thẩm định tại " + pi.unitName,
			Decision: "Dừng giải quyết, trả lại hồ sơ cho công dân"}
		if pi.feeTotal > 0 {
			p.FeeHandling = "Không hoàn trả phí, lệ phí đã nộp"
		}
		g.add(stop, leader.user.Username, leader.station, p)
		return
	}

	// Processing: most well before the due date, a few percent late — and for most of the late
	// ones a leader apologises before the due date with a new date.
	lateRate := 25
	switch {
	case pi.land:
		lateRate = 90
	case pi.long:
		lateRate = 60
	}
	span := remaining()
	var done time.Time
	if hasDue && r.IntN(1000) < lateRate {
		if span >= 15*time.Minute && r.IntN(100) < 80 {
			var at time.Time
			if span > 2*g.perDay {
				at = g.work(cur, span-g.perDay-time.Duration(r.Float64()*float64(g.perDay)/2))
			} else {
				at = g.work(cur, time.Duration(float64(span)*(0.5+0.4*r.Float64())))
			}
			at = g.later(cur, at)
			extra := time.Duration(1+r.IntN(3)) * g.perDay
			if pi.long {
				extra = time.Duration(2+r.IntN(5)) * g.perDay
			}
			newDue := g.work(due, extra)
			reason := apologyReasons[r.IntN(len(apologyReasons))]
			if pi.land && r.IntN(2) == 0 {
				reason = landApologyReasons[r.IntN(len(landApologyReasons))]
			}
			g.apols++
			g.add(at, leader.user.Username, leader.station, &data.ApologyIssued{Reason: reason, NewDue: newDue, DocNo: itoa(g.apols) + "/UBND-VP"})
			cur = at
			done = g.work(due, time.Duration(float64(extra)*(0.15+0.8*r.Float64())))
		} else {
			done = g.work(due, g.uniform(30*time.Minute, 5*g.perDay/2))
		}
		if done.Sub(due) < 2*time.Minute {
			done = due.Add(2 * time.Minute)
		}
	} else {
		f := 0.1 + 0.85*math.Sqrt(r.Float64())
		if pi.sameDay {
			f = 0.05 + 0.5*r.Float64()
		}
		done = g.work(cur, max(3*time.Minute, time.Duration(float64(span)*f)))
		if hasDue && r.IntN(100) < 3 && due.Sub(cur) > 5*time.Minute {
			// Signed off in the very minute it was due: "đúng hạn" on the national dashboard.
			done = due.Truncate(time.Minute).Add(time.Duration(r.IntN(60)) * time.Second)
		}
	}
	done = g.later(cur, done)
	pi.results++
	g.add(done, hname, hst, &data.Processed{ResultNo: itoa(pi.results) + "/" + pi.unit, Signer: leader.user.FullName,
		SignedOn: calendar.DateOf(done).String()})

	// Return of the result, 0–3 working days later (same-day procedures: while the applicant
	// waits, mostly).
	var ret time.Time
	switch k := r.IntN(100); {
	case pi.sameDay && channel != data.ChannelOnline && k < 85, k < 40:
		ret = g.work(done, g.uniform(3*time.Minute, 90*time.Minute))
	case k < 72:
		ret = g.work(g.morning(done, 1, 0), g.uniform(0, g.perDay-10*time.Minute))
	case k < 92:
		ret = g.work(g.morning(done, 2, 0), g.uniform(0, g.perDay-10*time.Minute))
	default:
		ret = g.work(g.morning(done, 3, 0), g.uniform(0, g.perDay-10*time.Minute))
	}
	ret = g.later(done, ret)
	back := &receptionists[r.IntN(len(receptionists))]
	g.add(ret, back.user.Username, back.station, &data.Returned{ReceiverName: receiver, Delivery: in.Delivery})

	// Satisfaction: about 60 % rate, mostly very satisfied.
	if r.IntN(100) < 60 {
		p := &data.Rated{Rating: data.RatingVerySatisfied}
		switch k := r.IntN(100); {
		case k >= 97:
			p.Rating, p.Reason = data.RatingDissatisfied, dissatisfiedReasons[r.IntN(len(dissatisfiedReasons))]
		case k >= 70:
			p.Rating = data.RatingSatisfied
		}
		g.add(ret.Add(g.uniform(30*time.Second, 5*time.Minute)).Truncate(time.Second), back.user.Username, back.station, p)
	}
}

// ---- writing ------------------------------------------------------------------------------

// build writes the office and its dossiers into the open bulk store s.
func build(ctx context.Context, s *data.Store, now time.Time, opts Options) error {
	if err := setUp(ctx, s); err != nil {
		return err
	}
	g, err := newGenerator(ctx, s, now, opts.Seed)
	if err != nil {
		return err
	}
	plans, err := g.days(opts.Dossiers)
	if err != nil {
		return err
	}
	n := opts.Dossiers
	every := max(1, n/100)
	// The driver watches a cancellable context with a goroutine per statement; the bulk writes
	// use a context that cannot be cancelled and the loop checks ctx itself.
	wctx := context.WithoutCancel(ctx)
	var (
		day      int
		times    []int32
		pos      int
		desks    [len(stationOrder)]int
		nDesks   int
		written  int
		d        data.Dossier
		midnight time.Time
	)
	nextDay := func() bool {
		for pos >= len(times) {
			if day >= len(plans) {
				return false
			}
			p := plans[day]
			day++
			times = g.times(times, p)
			pos = 0
			desks = [len(stationOrder)]int{}
			nDesks = min(len(stationOrder), max(len(receptionists), (p.count+perStation-1)/perStation))
			midnight = p.date.At(0, 0, g.loc)
		}
		return true
	}
	for written < n {
		if err := ctx.Err(); err != nil {
			return err
		}
		err := s.Batch(wctx, data.System, func(b *data.Batch) error {
			for k := 0; k < batchSize && written < n; k++ {
				if k%64 == 0 {
					if err := ctx.Err(); err != nil {
						return err
					}
				}
				if !nextDay() {
					return fmt.Errorf("lịch hồ sơ mẫu hết ngày sau %d hồ sơ", written)
				}
				recv := midnight.Add(time.Duration(times[pos]) * time.Second)
				pos++
				desk := g.r.IntN(nDesks)
				for desks[desk] >= perStation {
					desk = (desk + 1) % nDesks
				}
				desks[desk]++
				g.plan(recv, desk)
				d = data.Dossier{}
				for _, st := range g.steps {
					if st.at.After(g.now) {
						break
					}
					if err := b.Append(wctx, &d, st.at, st.actor, st.station, st.p); err != nil {
						return fmt.Errorf("hồ sơ mẫu %d (%s, %s): %w", written+1, st.p.EventType(), st.at.Format(time.RFC3339), err)
					}
				}
				written++
				if opts.Progress != nil && (written%every == 0 || written == n) {
					opts.Progress(written, n)
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}
