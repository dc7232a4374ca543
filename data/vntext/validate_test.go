package vntext

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

// pinNow fixes the clock CheckCitizenID compares birth years with.
func pinNow(t *testing.T, year int) {
	t.Helper()
	saved := now
	now = func() time.Time { return time.Date(year, 6, 1, 0, 0, 0, 0, Zone()) }
	t.Cleanup(func() { now = saved })
}

func TestCheckCitizenIDAccepts(t *testing.T) {
	pinNow(t, 2026)
	for _, s := range []string{
		"",
		"001090012345", // Hà Nội, man born 1990
		"079303000123", // TP.HCM, woman born 2003
		"096126999999", // Cà Mau, woman born 1926
		"038226000001", // born 2026: this year is not the future
		" 001090012345 ",
		"123456789", // old CMND
	} {
		if err := CheckCitizenID(s); err != nil {
			t.Errorf("CheckCitizenID(%q) = %v, want nil", s, err)
		}
	}
}

func TestCheckCitizenIDProvinces(t *testing.T) {
	pinNow(t, 2026)
	if len(provinceCodes) != 63 {
		t.Fatalf("%d province codes, want 63", len(provinceCodes))
	}
	valid := 0
	for p := 0; p < 1000; p++ {
		id := fmt.Sprintf("%03d090012345", p)
		if CheckCitizenID(id) == nil {
			valid++
		}
	}
	if valid != 63 {
		t.Errorf("%d of the 1000 possible prefixes accepted, want 63", valid)
	}
	for _, p := range []string{"001", "048", "079", "096"} {
		if err := CheckCitizenID(p + "090012345"); err != nil {
			t.Errorf("province %s rejected: %v", p, err)
		}
	}
}

func TestCheckCitizenIDRejects(t *testing.T) {
	pinNow(t, 2026)
	cases := []struct{ in, want string }{
		{"00109001234", "số CCCD phải có 12 chữ số, hoặc CMND cũ 9 chữ số (đã nhập 11)"},
		{"0010900123456", "(đã nhập 13)"},
		{"12345678", "(đã nhập 8)"},
		{"00109001234A", `có ký tự "A"`},
		{"001 090 012345", `có ký tự " "`},
		{"001-090-012345", `có ký tự "-"`},
		{"003090012345", `3 chữ số đầu "003" không phải mã tỉnh nào`},
		{"097090012345", `"097"`},
		{"000090012345", `"000"`},
		{"001230012345", `chữ số 4–6 "230" cho năm sinh 2030, chưa tới`},
		{"001327012345", "năm sinh 2027"},
		{"001400012345", "năm sinh 2100"},
		{"001999012345", "năm sinh 2399"},
	}
	for _, c := range cases {
		err := CheckCitizenID(c.in)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("CheckCitizenID(%q) = %v, want an error containing %q", c.in, c.want, err)
		}
	}
}

func TestCheckPhone(t *testing.T) {
	ok := []struct{ in, want string }{
		{"", ""},
		{"0912345678", "0912345678"},
		{" 0912 345 678 ", "0912345678"},
		{"091.234.5678", "0912345678"},
		{"0912-345-678", "0912345678"},
		{"+84 912 345 678", "0912345678"},
		{"+84 (0) 912 345 678", "0912345678"},
		{"84912345678", "0912345678"},
		{"0084 912 345 678", "0912345678"},
		{"0356789012", "0356789012"},
		{"0587654321", "0587654321"},
		{"0701234567", "0701234567"},
		{"0812345678", "0812345678"},
		{"(024) 3825 1234", "02438251234"},
		{"+84 24 3825 1234", "02438251234"},
		{"0210123456", "0210123456"},
	}
	for _, c := range ok {
		got, err := CheckPhone(c.in)
		if err != nil || got != c.want {
			t.Errorf("CheckPhone(%q) = %q, %v; want %q, nil", c.in, got, err, c.want)
		}
	}
	bad := []struct{ in, want string }{
		{"091234567", "số di động phải có 10 chữ số (đã nhập 9)"},
		{"09123456789", "(đã nhập 11)"},
		{"024382512", "số máy bàn phải có 10 hoặc 11 chữ số (đã nhập 9)"},
		{"024382512345", "(đã nhập 12)"},
		{"01689123456", `đầu số "01"`},
		{"0612345678", `đầu số "06"`},
		{"0412345678", `đầu số "04"`},
		{"912345678", "phải bắt đầu bằng 0 hoặc +84"},
		{"0912abc678", `có ký tự "a"`},
		{"0912+345678", `có ký tự "+"`},
		{"+1 555 123 4567", "+84"},
		{"0", "phải bắt đầu bằng 0"},
	}
	for _, c := range bad {
		got, err := CheckPhone(c.in)
		if err == nil || got != "" || !strings.Contains(err.Error(), c.want) {
			t.Errorf("CheckPhone(%q) = %q, %v; want an error containing %q", c.in, got, err, c.want)
		}
	}
}

func TestCheckEmail(t *testing.T) {
	for _, s := range []string{"", "a@b.vn", " nguyen.van.a@hanoi.gov.vn ", "x+tag@mail.example.com"} {
		if err := CheckEmail(s); err != nil {
			t.Errorf("CheckEmail(%q) = %v, want nil", s, err)
		}
	}
	bad := []struct{ in, want string }{
		{"nguyenvana.gmail.com", "thiếu dấu @"},
		{"a@localhost", `tên miền email không hợp lệ "localhost"`},
		{"a@b.", "không hợp lệ"},
		{"a@.vn", "không hợp lệ"},
		{"a@b..vn", "không hợp lệ"},
		{"An <a@b.vn>", "email không hợp lệ"},
		{"a b@c.vn", "email không hợp lệ"},
		{"@b.vn", "email không hợp lệ"},
		{strings.Repeat("a", 250) + "@b.vn", "email quá dài (tối đa 254 ký tự)"},
	}
	for _, c := range bad {
		err := CheckEmail(c.in)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("CheckEmail(%q) = %v, want an error containing %q", c.in, err, c.want)
		}
	}
}

func TestCheckLength(t *testing.T) {
	name := strings.Repeat("ễ", 200) // 600 bytes, 200 runes
	if err := CheckLength("Họ tên", name, 200); err != nil {
		t.Errorf("200 runes with max 200: %v", err)
	}
	err := CheckLength("Họ tên", name+"a", 200)
	if err == nil || err.Error() != `"Họ tên" quá dài (tối đa 200 ký tự)` {
		t.Errorf("201 runes: got %v", err)
	}
}

func TestCheckName(t *testing.T) {
	for _, s := range []string{"", "Nguyễn Văn Đức", norm.NFD.String("Trần Thị Ánh"), "Mary O'Brien-Smith Jr.", "Lò Văn Páo"} {
		if err := CheckName(s); err != nil {
			t.Errorf("CheckName(%q) = %v, want nil", s, err)
		}
	}
	for in, want := range map[string]string{
		"Nguyễn Văn 3":   `họ tên không được có ký tự "3"`,
		"Lê Thị Hoa, ":   `","`,
		"Trần @nh":       `"@"`,
		"Phạm Văn A\x00": `"\x00"`,
	} {
		err := CheckName(in)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("CheckName(%q) = %v, want an error containing %q", in, err, want)
		}
	}
}
