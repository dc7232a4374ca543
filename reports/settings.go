package reports

import (
	"context"
	"fmt"

	"motcua/data"
)

// Settings are the office facts every form prints. They come from the office record and its
// settings, never from code: names, place and legal citations change with reforms.
type Settings struct {
	GoverningBody string // cơ quan chủ quản, first line top left
	OfficeName    string // the issuing unit, second line top left
	OfficeCode    string
	Place         string // "<place>, ngày … tháng … năm …"
	SignerName    string
	SignerTitle   string
	LookupURL     string            // printed as a QR code on receipts when set
	Citations     map[string]string // form number ("01" … "07") → legal citation line
	FormSet       string            // "2025" or "2018"
	ReceiptLayout string            // ReceiptA4 (two A5 halves on one A4 sheet) or ReceiptA5
	Mode          data.Mode         // how the forms judge deadlines: the office's, as its screens and statistics
}

// Receipt layouts.
const (
	ReceiptA4 = "a4"
	ReceiptA5 = "a5"
)

// SettingReceiptLayout is data's key, kept here for the callers of this package.
const SettingReceiptLayout = data.SettingReceiptLayout

// LoadSettings reads the settings of the office a store belongs to.
func LoadSettings(ctx context.Context, s *data.Store) (Settings, error) {
	o, err := s.Office()
	if err != nil {
		return Settings{}, err
	}
	st := Settings{GoverningBody: o.GoverningBody, OfficeName: o.Name, OfficeCode: o.Code, Place: o.Place,
		Citations: map[string]string{}}
	get := func(key string) (string, error) {
		v, err := s.Setting(ctx, key)
		if err != nil {
			return "", fmt.Errorf("đọc cài đặt biểu mẫu: %w", err)
		}
		return v, nil
	}
	for _, f := range []struct {
		key string
		dst *string
	}{{data.SettingSigner, &st.SignerName}, {data.SettingSignerTitle, &st.SignerTitle}, {data.SettingLookupURL, &st.LookupURL},
		{data.SettingFormSet, &st.FormSet}, {SettingReceiptLayout, &st.ReceiptLayout}} {
		if *f.dst, err = get(f.key); err != nil {
			return Settings{}, err
		}
	}
	for _, n := range []string{"01", "02", "03", "04", "05", "06", "07"} {
		v, err := get(data.SettingCitationPref + n)
		if err != nil {
			return Settings{}, err
		}
		if v == "" {
			v = DefaultCitation(st.FormSet, n)
		}
		st.Citations[n] = v
	}
	if st.ReceiptLayout == "" {
		st.ReceiptLayout = ReceiptA4
	}
	if st.Mode, err = s.DateMode(ctx); err != nil {
		return Settings{}, fmt.Errorf("đọc cài đặt biểu mẫu: %w", err)
	}
	return st, nil
}

// DefaultCitation is the legal reference printed under a form's title until the office sets its own.
func DefaultCitation(formSet, form string) string {
	if formSet == "2018" {
		return "Mẫu số " + form + " ban hành kèm theo Thông tư số 01/2018/TT-VPCP ngày 23/11/2018 của Văn phòng Chính phủ"
	}
	return "Mẫu số " + form + " ban hành kèm theo Thông tư số 03/2025/TT-VPCP ngày 15/9/2025 của Văn phòng Chính phủ"
}
