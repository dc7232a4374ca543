package hub

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"motcua/data"
	"motcua/data/calendar"
	"motcua/data/vntext"
	"motcua/sync/protocol"
)

// PortalDossier is a dossier in the national portal's DongBoHoSoMC shape (docs/DOMAIN.md §10).
type PortalDossier struct {
	MaHoSo             string         `json:"MaHoSo"`
	MaTTHC             string         `json:"MaTTHC"`
	TenTTHC            string         `json:"TenTTHC"`
	MaLinhVuc          string         `json:"MaLinhVuc"`
	TenLinhVuc         string         `json:"TenLinhVuc"`
	KenhThucHien       int            `json:"KenhThucHien"`
	ChuHoSo            string         `json:"ChuHoSo"`
	LoaiDoiTuong       int            `json:"LoaiDoiTuong"`
	SoGiayToChuHoSo    string         `json:"SoGiayToChuHoSo"`
	SoDienThoai        string         `json:"SoDienThoai"`
	Email              string         `json:"Email"`
	TrichYeuHoSo       string         `json:"TrichYeuHoSo"`
	NgayNopHoSo        string         `json:"NgayNopHoSo"`
	NgayTiepNhan       string         `json:"NgayTiepNhan"`
	NgayHenTra         string         `json:"NgayHenTra"`
	NgayKetThucXuLy    string         `json:"NgayKetThucXuLy"`
	NgayTra            string         `json:"NgayTra"`
	TrangThaiHoSo      int            `json:"TrangThaiHoSo"`
	HinhThuc           int            `json:"HinhThuc"` // result delivery: 0 at the counter, 1 by post
	DonViXuLy          string         `json:"DonViXuLy"`
	DanhSachLePhi      []PortalFee    `json:"DanhSachLePhi"`
	DanhSachHoSoBoSung []PortalSupply `json:"DanhSachHoSoBoSung"`
}

// PortalFee is one fee line.
type PortalFee struct {
	TenPhiLePhi string `json:"TenPhiLePhi"`
	MaPhiLePhi  string `json:"MaPhiLePhi"`
	Gia         int64  `json:"Gia"`
}

// PortalSupply is one supplement request.
type PortalSupply struct {
	NgayBoSung      string `json:"NgayBoSung"`
	NoiDungBoSung   string `json:"NoiDungBoSung"`
	NgayHenTraTruoc string `json:"NgayHenTraTruoc"`
	NgayHenTraMoi   string `json:"NgayHenTraMoi"`
}

// portalTime writes the portal's yyyyMMddHHmmss in Vietnam time; "" for no time.
func portalTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(vntext.Zone()).Format("20060102150405")
}

// ToPortal maps a dossier and its log to the portal's shape; names are the catalog's names by code.
func ToPortal(d *data.Dossier, evs []data.Event, fieldNames, unitNames map[string]string) PortalDossier {
	p := PortalDossier{
		MaHoSo: d.Code, MaTTHC: d.Procedure, TenTTHC: d.ProcedureName, MaLinhVuc: d.Field, TenLinhVuc: fieldNames[d.Field],
		KenhThucHien: int(d.Channel), ChuHoSo: d.Applicant.Name, LoaiDoiTuong: int(d.Applicant.Type),
		SoGiayToChuHoSo: d.Applicant.IDNo, SoDienThoai: d.Applicant.Phone, Email: d.Applicant.Email,
		TrichYeuHoSo: d.Summary, NgayNopHoSo: portalTime(d.SubmittedAt), NgayTiepNhan: portalTime(d.ReceivedAt),
		NgayKetThucXuLy: portalTime(d.FinishedAt), NgayTra: portalTime(d.ReturnedAt), TrangThaiHoSo: int(d.Status),
		DonViXuLy: unitNames[d.Unit], DanhSachLePhi: []PortalFee{}, DanhSachHoSoBoSung: []PortalSupply{},
	}
	if p.LoaiDoiTuong == 0 {
		p.LoaiDoiTuong = 1
	}
	if p.NgayNopHoSo == "" {
		p.NgayNopHoSo = p.NgayTiepNhan
	}
	if p.DonViXuLy == "" {
		p.DonViXuLy = d.Unit
	}
	if d.HasDue {
		p.NgayHenTra = portalTime(d.DueOriginal)
	}
	if d.Delivery == data.DeliveryPost || d.Returned.Delivery == data.DeliveryPost {
		p.HinhThuc = 1
	}
	for _, f := range d.Fees {
		p.DanhSachLePhi = append(p.DanhSachLePhi, PortalFee{TenPhiLePhi: f.Name, Gia: f.Amount})
	}
	for _, f := range d.Returned.Fees {
		p.DanhSachLePhi = append(p.DanhSachLePhi, PortalFee{TenPhiLePhi: f.Name, Gia: f.Amount})
	}
	for _, e := range evs {
		if e.Conflict != "" {
			continue
		}
		switch e.Type {
		case data.EvSupplementRequested:
			var sr data.SupplementRequested
			if json.Unmarshal(e.Payload, &sr) != nil {
				continue
			}
			var items []string
			for _, it := range sr.Items {
				items = append(items, it.Name)
			}
			text := sr.Reason
			if len(items) > 0 {
				text += ": " + strings.Join(items, "; ")
			}
			p.DanhSachHoSoBoSung = append(p.DanhSachHoSoBoSung, PortalSupply{NgayBoSung: portalTime(e.At), NoiDungBoSung: text})
		case data.EvSupplementReceived:
			var sr data.SupplementReceived
			if json.Unmarshal(e.Payload, &sr) != nil || len(p.DanhSachHoSoBoSung) == 0 {
				continue
			}
			last := &p.DanhSachHoSoBoSung[len(p.DanhSachHoSoBoSung)-1]
			if sr.DueBefore != nil {
				last.NgayHenTraTruoc = portalTime(*sr.DueBefore)
			}
			if sr.DueAfter != nil {
				last.NgayHenTraMoi = portalTime(*sr.DueAfter)
			}
		}
	}
	return p
}

// Export streams the dossiers of office code received in [from, to] in the portal's shape to fn.
func (h *Hub) Export(ctx context.Context, code string, from, to calendar.Date, fn func(PortalDossier) error) error {
	o, err := h.office(ctx, code, false)
	if err != nil {
		return err
	}
	fieldNames, unitNames := map[string]string{}, map[string]string{}
	fields, err := o.store.Fields(ctx)
	if err != nil {
		return err
	}
	for _, f := range fields {
		fieldNames[f.Code] = f.Name
	}
	units, err := o.store.Units(ctx)
	if err != nil {
		return err
	}
	for _, u := range units {
		unitNames[u.Code] = u.Name
	}
	return o.store.EachDossier(ctx, data.ByReceived, from, to, func(d *data.Dossier, evs []data.Event) error {
		return fn(ToPortal(d, evs, fieldNames, unitNames))
	})
}

// export answers a JSON array, written as it is read so that a year of dossiers is not held in
// memory.
func (s *Server) export(w http.ResponseWriter, r *http.Request, p *Principal) {
	code := r.URL.Query().Get("office")
	if code == "" || !p.may(code) {
		s.fail(w, http.StatusForbidden, protocol.CodeForbidden, "cần office và mã truy cập được xem văn phòng đó")
		return
	}
	from, to, err := s.period(r)
	if err != nil {
		s.fail(w, http.StatusBadRequest, protocol.CodeMalformed, err.Error())
		return
	}
	if _, err := s.h.office(r.Context(), code, false); err != nil {
		s.fail(w, http.StatusNotFound, protocol.CodeNotFound, err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	enc := json.NewEncoder(w)
	n := 0
	w.Write([]byte("["))
	err = s.h.Export(r.Context(), code, from, to, func(d PortalDossier) error {
		if n > 0 {
			w.Write([]byte(","))
		}
		n++
		return enc.Encode(d)
	})
	if err != nil {
		// The status is already sent: cut the array so that the reader sees invalid JSON, not a
		// silently short list.
		s.log.Printf("export of office %s cut short: %s", code, logText(err))
		return
	}
	w.Write([]byte("]\n"))
}
