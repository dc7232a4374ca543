package cli

import (
	"fmt"
	"strings"

	"motcua/data/vntext"
)

func runFind(e *env, args []string) error {
	fs, dataDir := newFlags(e, "find", "QUERY [--limit N]",
		"Tìm hồ sơ theo mã (hoặc phần đầu mã), họ tên (không cần dấu), số CCCD, số điện thoại.\n"+
			"Mỗi dòng một hồ sơ: mã, trạng thái, người nộp, thủ tục, ngày nhận, hạn.")
	limit := fs.Int("limit", 20, "số kết quả tối đa (1–1000)")
	if err := parse(fs, args); err != nil {
		return err
	}
	query := strings.Join(fs.Args(), " ")
	if strings.TrimSpace(query) == "" {
		return usagef("cần từ khóa tìm kiếm")
	}
	if *limit < 1 || *limit > 1000 {
		return usagef("--limit phải từ 1 đến 1000")
	}
	s, err := openReader(*dataDir)
	if err != nil {
		return err
	}
	defer s.Close()
	hits, err := s.Search(e.ctx, query, *limit)
	if err != nil {
		return err
	}
	for _, h := range hits {
		due := "không có hạn"
		if !h.Due.IsZero() {
			due = vntext.DateTime(h.Due)
		}
		received := ""
		if !h.ReceivedAt.IsZero() {
			received = vntext.Date(h.ReceivedAt)
		}
		code := h.Code
		if code == "" {
			// Refused and online-submitted dossiers have no code yet: print their id, which
			// "motcua print refusal --code" also accepts.
			code = h.ID.String()
		}
		fmt.Fprintf(e.stdout, "%s\t%s\t%s\t%s\t%s\t%s\n", code, h.Status, h.Applicant, h.ProcedureName, received, due)
	}
	if len(hits) == 0 {
		fmt.Fprintln(e.stderr, "Không tìm thấy hồ sơ nào.")
	}
	return nil
}
