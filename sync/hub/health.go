package hub

import (
	"context"
	"html/template"
	"net/http"
	"time"

	"motcua/data"
	"motcua/data/calendar"
	"motcua/data/vntext"
)

// OfficeHealth is one office's block of the health page.
type OfficeHealth struct {
	Code     string
	Stations []StationHealth
	Week     data.Figures // this week (Monday to today): received, resolved, late
	Err      string
}

// Health gathers the health page's figures for the offices p may see.
func (h *Hub) Health(ctx context.Context, p *Principal) ([]OfficeHealth, error) {
	stations, err := h.Stations(ctx)
	if err != nil {
		return nil, err
	}
	codes, err := h.Offices()
	if err != nil {
		return nil, err
	}
	now := h.now().In(vntext.Zone())
	monday := now.AddDate(0, 0, -((int(now.Weekday()) + 6) % 7))
	var out []OfficeHealth
	for _, c := range codes {
		if !p.may(c) {
			continue
		}
		oh := OfficeHealth{Code: c}
		for _, s := range stations {
			if s.Office == c {
				oh.Stations = append(oh.Stations, s)
			}
		}
		if ans, err := h.Stats(ctx, c, calendar.DateOf(monday), calendar.DateOf(now), data.ByNone, ""); err != nil {
			oh.Err = err.Error()
		} else {
			oh.Week = ans.Figures
		}
		out = append(out, oh)
	}
	return out, nil
}

var healthPage = template.Must(template.New("health").Funcs(template.FuncMap{
	"when": func(t time.Time, never bool) string {
		if never {
			return "chưa kết nối"
		}
		return t.Format("02/01/2006 15:04:05")
	},
	"offset": func(d time.Duration) string {
		if d < 0 {
			d = -d
		}
		return d.Round(time.Second).String()
	},
	"skewed": func(d time.Duration) bool { return d > 5*time.Minute || d < -5*time.Minute },
	"add":    func(a, b int) int { return a + b },
}).Parse(`<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Một Cửa — tình trạng đồng bộ</title>
<style>
body{font-family:"Noto Sans","Segoe UI",Arial,sans-serif;margin:1.5em;color:#1b1b1b}
table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{border:1px solid #bbb;padding:.3em .6em;text-align:right}
th{background:#eef3fa}td:first-child,th:first-child{text-align:left}.warn{color:#b00020;font-weight:bold}
</style></head><body>
<h1>Tình trạng đồng bộ</h1>
<p>Máy chủ lúc {{.Now.Format "02/01/2006 15:04:05"}} · epoch {{.Epoch}}</p>
{{range .Offices}}
<h2>Văn phòng {{.Code}}</h2>
{{if .Err}}<p class="warn">{{.Err}}</p>{{else}}
<p>Tuần này: tiếp nhận {{.Week.ReceivedNewOnline | add .Week.ReceivedNewDirect}}, đã giải quyết {{.Week.ResolvedTotal}}, quá hạn {{.Week.ResolvedLate}} (đã giải quyết) và {{.Week.PendingOverdue}} (đang giải quyết).</p>{{end}}
<table><tr><th>Máy trạm</th><th>Liên lạc gần nhất</th><th title="đếm trong cơ sở dữ liệu của văn phòng, cùng lúc ghi">Sự kiện đã nhận</th><th title="số lần từ chối đã trả lời (gửi lại sau khi mất trả lời thì đếm lại)">Bị từ chối</th><th>Chờ gửi (máy trạm báo)</th><th>Cách ly ở máy trạm</th><th>Lệch đồng hồ</th><th>Đổi cơ sở dữ liệu</th></tr>
{{range .Stations}}<tr><td>{{.Station}}</td><td>{{when .LastContact .NeverContact}}</td><td>{{.Held}}</td><td>{{.Rejected}}</td><td>{{.Backlog}}</td><td>{{if .Quarantined}}<span class="warn">{{.Quarantined}}</span>{{else}}0{{end}}</td><td>{{if skewed .ClockOffset}}<span class="warn">{{offset .ClockOffset}}</span>{{else}}{{offset .ClockOffset}}{{end}}</td><td>{{if .DBChanges}}<span class="warn" title="máy cài lại, hoặc hai máy dùng chung một mã truy cập">{{.DBChanges}}</span>{{else}}0{{end}}</td></tr>
{{else}}<tr><td colspan="8">Chưa có máy trạm nào.</td></tr>{{end}}
</table>
{{else}}<p>Chưa có văn phòng nào.</p>{{end}}
</body></html>
`))

func (s *Server) health(w http.ResponseWriter, r *http.Request, p *Principal) {
	offices, err := s.h.Health(r.Context(), p)
	if err != nil {
		s.internal(w, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	err = healthPage.Execute(w, map[string]any{"Now": s.h.now().In(vntext.Zone()), "Epoch": s.h.epoch, "Offices": offices})
	if err != nil {
		s.log.Printf("health page: %s", logText(err))
	}
}
