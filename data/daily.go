package data

import (
	"context"
	"fmt"
	"time"
)

// dayNumber is the office-local date of t as days since 1970-01-01. Vietnam keeps UTC+7 all
// year, so the arithmetic needs no time-zone database.
func dayNumber(t time.Time) int64 { return (t.Unix() + 7*3600) / 86400 }

type statKey struct {
	day, unit, field int64
}

// statVec is one daily_stats row's counters, in column order.
type statVec [13]int64

const (
	svReceivedDirect = iota
	svReceivedOnline
	svReceivedPost
	svFeeReceived
	svFinished
	svEarlyTS
	svLateTS
	svEarlyDate
	svLateDate
	svFeeReturned
	svRatedVery
	svRatedSatisfied
	svRatedDis
)

const dailyColumns = `received_direct, received_online, received_post, fee_received, finished, early_ts, late_ts,
	early_date, late_date, fee_returned, rated_very, rated_satisfied, rated_dis`

const upsertDailySQL = `INSERT INTO daily_stats(day, unit_id, field_id, ` + dailyColumns + `)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT(day, unit_id, field_id) DO UPDATE SET
	received_direct = received_direct + excluded.received_direct, received_online = received_online + excluded.received_online,
	received_post = received_post + excluded.received_post, fee_received = fee_received + excluded.fee_received,
	finished = finished + excluded.finished, early_ts = early_ts + excluded.early_ts, late_ts = late_ts + excluded.late_ts,
	early_date = early_date + excluded.early_date, late_date = late_date + excluded.late_date,
	fee_returned = fee_returned + excluded.fee_returned, rated_very = rated_very + excluded.rated_very,
	rated_satisfied = rated_satisfied + excluded.rated_satisfied, rated_dis = rated_dis + excluded.rated_dis`

// contributions adds (sign = +1) or removes (−1) what a dossier counts for in daily_stats. Only
// received dossiers count: a refusal at the counter or a pending online submission does not.
func contributions(m map[statKey]*statVec, d *Dossier, ids *catalogIDs, sign int64) {
	if d.ReceivedAt.IsZero() {
		return
	}
	unit, field := groupIDs(d, ids)
	add := func(t time.Time, col int, v int64) {
		k := statKey{day: dayNumber(t), unit: unit, field: field}
		vec := m[k]
		if vec == nil {
			vec = &statVec{}
			m[k] = vec
		}
		vec[col] += sign * v
	}
	switch d.Channel {
	case ChannelOnline:
		add(d.ReceivedAt, svReceivedOnline, 1)
	case ChannelPost:
		add(d.ReceivedAt, svReceivedPost, 1)
	default:
		add(d.ReceivedAt, svReceivedDirect, 1)
	}
	if d.FeeAtReception != 0 {
		add(d.ReceivedAt, svFeeReceived, d.FeeAtReception)
	}
	if !d.FinishedAt.IsZero() {
		add(d.FinishedAt, svFinished, 1)
		switch Judge(d.FinishedAt, d.Due, d.HasDue, d.Supplements, ModeTimestamp) {
		case Early:
			add(d.FinishedAt, svEarlyTS, 1)
		case Late:
			add(d.FinishedAt, svLateTS, 1)
		}
		switch Judge(d.FinishedAt, d.Due, d.HasDue, d.Supplements, ModeDate) {
		case Early:
			add(d.FinishedAt, svEarlyDate, 1)
		case Late:
			add(d.FinishedAt, svLateDate, 1)
		}
	}
	if !d.ReturnedAt.IsZero() {
		if d.FeeAtReturn != 0 {
			add(d.ReturnedAt, svFeeReturned, d.FeeAtReturn)
		}
		switch d.Rating {
		case RatingVerySatisfied:
			add(d.ReturnedAt, svRatedVery, 1)
		case RatingSatisfied:
			add(d.ReturnedAt, svRatedSatisfied, 1)
		case RatingDissatisfied:
			add(d.ReturnedAt, svRatedDis, 1)
		}
	}
}

// groupIDs are the unit and field ids the projection row holds (0 for none).
func groupIDs(d *Dossier, ids *catalogIDs) (unit, field int64) {
	u, f := unitFieldIDs(d, ids)
	return u.Int64, f.Int64
}

// updateDaily moves a dossier's contribution from its old state to its new one, in daily_stats
// and in officer_stats. In a batch the deltas are summed in memory and written once at commit
// (flushDaily): a bulk build touches the same few thousand day rows millions of times.
func (w *writer) updateDaily(ctx context.Context, old, next *Dossier) error {
	m := w.daily
	contributions(m, old, w.ids, -1)
	contributions(m, next, w.ids, +1)
	if w.officers == nil {
		w.officers = map[officerKey]*officerVec{}
	}
	officerContributions(w.officers, old, -1)
	officerContributions(w.officers, next, +1)
	if w.deferDaily {
		return nil
	}
	return w.flushDaily(ctx)
}

// flushDaily writes the summed deltas, of daily_stats and officer_stats.
func (w *writer) flushDaily(ctx context.Context) error {
	if err := w.flushOfficers(ctx); err != nil {
		return err
	}
	m := w.daily
	defer clear(m)
	for k, v := range m {
		if *v == (statVec{}) {
			continue
		}
		args := make([]any, 0, 16)
		args = append(args, k.day, k.unit, k.field)
		for _, x := range v {
			args = append(args, x)
		}
		if _, err := w.dailyUp.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("cập nhật số liệu thống kê: %w", err)
		}
	}
	return nil
}
