package hub

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"motcua/data"
	"motcua/data/calendar"
	"motcua/data/vntext"
	"motcua/sync/protocol"
)

// StatsAnswer is the statistics of one office or, with Office "", of every office: the same
// fields as `motcua stats`, plus the offices it covers.
type StatsAnswer struct {
	protocol.Header
	Office  string    `json:"office,omitempty"`
	Offices []string  `json:"offices"`
	From    string    `json:"from"`
	To      string    `json:"to"`
	Mode    data.Mode `json:"mode"`
	By      string    `json:"by,omitempty"`
	data.Figures
	Rows []data.Row `json:"rows,omitempty"`
}

// may reports whether p may read office code ("" = every office). A portal only submits.
func (p *Principal) may(code string) bool {
	if p.Kind == "portal" {
		return false
	}
	if p.Kind == "reader" && p.Office == "" {
		return true
	}
	return code != "" && code == p.Office
}

// Stats computes the periodic report of one office (code) or of all (code ""), in mode (""
// = each office's own setting; the province-wide sum uses the timestamp mode unless told).
func (h *Hub) Stats(ctx context.Context, code string, from, to calendar.Date, by string, mode string) (*StatsAnswer, error) {
	codes := []string{code}
	if code == "" {
		var err error
		if codes, err = h.Offices(); err != nil {
			return nil, err
		}
		if by != data.ByNone {
			return nil, fmt.Errorf("thống kê toàn tỉnh chỉ có số tổng (không dùng by)")
		}
	}
	ans := &StatsAnswer{Office: code, Offices: codes, From: from.String(), To: to.String(), By: by}
	var figs []data.Figures
	for _, c := range codes {
		o, err := h.office(ctx, c, false)
		if err != nil {
			return nil, err
		}
		m := mode
		if m == "" && code != "" {
			if m, err = o.store.Setting(ctx, data.SettingDateMode); err != nil {
				return nil, err
			}
		}
		md, err := data.ParseMode(m)
		if err != nil {
			return nil, err
		}
		rep, err := o.store.Stats(ctx, from, to, by, md)
		if err != nil {
			return nil, err
		}
		ans.Mode = md
		figs = append(figs, rep.Total)
		if code != "" {
			ans.Figures, ans.Rows = rep.Total, rep.Rows
		}
	}
	if code == "" {
		ans.Figures = data.SumFigures(figs...)
		if ans.Mode == "" {
			ans.Mode = data.ModeTimestamp
		}
	}
	return ans, nil
}

func parseDay(s string) (calendar.Date, error) {
	t, err := vntext.ParseDate(s, vntext.Zone())
	if err != nil {
		return calendar.Date{}, err
	}
	return calendar.DateOf(t), nil
}

// period reads from and to (YYYY-MM-DD or dd/mm/yyyy); both default to this month.
func (s *Server) period(r *http.Request) (calendar.Date, calendar.Date, error) {
	now := s.h.now().In(vntext.Zone())
	from := calendar.DateOf(time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, vntext.Zone()))
	to := calendar.DateOf(now)
	var err error
	if v := r.URL.Query().Get("from"); v != "" {
		if from, err = parseDay(v); err != nil {
			return from, to, fmt.Errorf("from: %v", err)
		}
	}
	if v := r.URL.Query().Get("to"); v != "" {
		if to, err = parseDay(v); err != nil {
			return from, to, fmt.Errorf("to: %v", err)
		}
	}
	if to.Before(from) {
		return from, to, fmt.Errorf("to trước from")
	}
	return from, to, nil
}

func (s *Server) stats(w http.ResponseWriter, r *http.Request, p *Principal) {
	code := r.URL.Query().Get("office")
	if !p.may(code) {
		s.fail(w, http.StatusForbidden, protocol.CodeForbidden, "mã truy cập này không được xem văn phòng đó")
		return
	}
	from, to, err := s.period(r)
	if err != nil {
		s.fail(w, http.StatusBadRequest, protocol.CodeMalformed, err.Error())
		return
	}
	by := r.URL.Query().Get("by")
	switch by {
	case data.ByNone, data.ByUnit, data.ByField, data.ByOfficer:
	default:
		s.fail(w, http.StatusBadRequest, protocol.CodeMalformed, "by phải là unit, field hoặc officer")
		return
	}
	ans, err := s.h.Stats(r.Context(), code, from, to, by, r.URL.Query().Get("mode"))
	if err != nil {
		s.fail(w, http.StatusBadRequest, protocol.CodeMalformed, err.Error())
		return
	}
	ans.Header = s.header()
	s.reply(w, ans)
}
