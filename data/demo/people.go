package demo

import (
	"math/rand/v2"
	"strings"

	"motcua/data"
	"motcua/data/vntext"
)

// weighted picks an index with probability proportional to its weight, by binary search over
// the cumulative weights.
type weighted struct {
	cum []float64
}

func newWeighted(ws []float64) weighted {
	cum := make([]float64, len(ws))
	t := 0.0
	for i, w := range ws {
		t += w
		cum[i] = t
	}
	return weighted{cum: cum}
}

func (w weighted) pick(r *rand.Rand) int {
	x := r.Float64() * w.cum[len(w.cum)-1]
	lo, hi := 0, len(w.cum)-1
	for lo < hi {
		m := (lo + hi) / 2
		if w.cum[m] > x {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo
}

type wordTable struct {
	words []string
	w     weighted
}

func table(pairs ...any) wordTable {
	var t wordTable
	var ws []float64
	for i := 0; i < len(pairs); i += 2 {
		t.words = append(t.words, pairs[i].(string))
		switch v := pairs[i+1].(type) {
		case int:
			ws = append(ws, float64(v))
		case float64:
			ws = append(ws, v)
		}
	}
	t.w = newWeighted(ws)
	return t
}

func (t wordTable) pick(r *rand.Rand) string { return t.words[t.w.pick(r)] }

// Family names with their approximate share in northern-central Việt Nam (Nguyễn ≈ 38 %).
var familyNames = table(
	"Nguyễn", 38.0, "Trần", 11.0, "Lê", 10.0, "Phạm", 7.0, "Hoàng", 4.5, "Huỳnh", 0.5, "Phan", 4.0,
	"Vũ", 3.0, "Võ", 0.9, "Đặng", 2.1, "Bùi", 2.0, "Đỗ", 1.4, "Hồ", 1.3, "Ngô", 1.3, "Dương", 1.0,
	"Lý", 0.5, "Trịnh", 1.5, "Mai", 0.7, "Đinh", 0.9, "Lương", 0.4, "Cao", 0.5, "Lưu", 0.3, "Hà", 0.5,
	"Đoàn", 0.5, "Tạ", 0.2, "Lại", 0.2, "Tô", 0.2, "Vương", 0.2, "Chu", 0.2, "Quách", 0.3, "Đào", 0.5,
)

var maleMiddle = table(
	"Văn", 40, "Đức", 8, "Minh", 8, "Hữu", 6, "Đình", 6, "Quang", 5, "Xuân", 4, "Ngọc", 3, "Thành", 3,
	"Công", 3, "Tiến", 2, "Trọng", 2, "Mạnh", 2, "Anh", 2, "Việt", 2, "Duy", 2, "Hoàng", 2, "Thế", 2,
	"Bá", 1, "Huy", 1,
)

var femaleMiddle = table(
	"Thị", 55, "Ngọc", 6, "Thu", 6, "Thanh", 5, "Phương", 4, "Minh", 3, "Hồng", 4, "Thùy", 3, "Kim", 3,
	"Mai", 2, "Khánh", 2, "Bảo", 2, "Hải", 1, "Diệu", 1,
)

var femaleSecond = table("Thu", 3, "Ngọc", 2, "Hồng", 2, "Thanh", 2, "Kim", 1, "Minh", 1, "Phương", 1, "Lan", 1)

var maleGiven = table(
	"Hùng", 5, "Dũng", 5, "Đức", 5, "Đạt", 4, "Tuấn", 5, "Nam", 4, "Long", 4, "Hải", 4, "Sơn", 4,
	"Thắng", 4, "Cường", 4, "Minh", 4, "Quân", 3, "Huy", 4, "Hiếu", 3, "Trung", 3, "Thành", 3, "Phong", 2,
	"Tùng", 3, "Khánh", 2, "Bình", 3, "Hòa", 2, "Toàn", 2, "Vinh", 2, "Phúc", 2, "Lâm", 2, "An", 2,
	"Kiên", 2, "Tiến", 2, "Mạnh", 2, "Lực", 1, "Quang", 2, "Hưng", 2, "Thịnh", 2, "Khoa", 2, "Bảo", 1,
	"Việt", 2, "Hoàng", 2, "Tâm", 2, "Nghĩa", 2, "Chiến", 2, "Thanh", 2, "Tú", 1, "Duy", 1,
)

var femaleGiven = table(
	"Hương", 5, "Hà", 5, "Lan", 4, "Linh", 5, "Trang", 5, "Hoa", 4, "Mai", 4, "Thảo", 4, "Ngọc", 3,
	"Huyền", 4, "Hằng", 4, "Nga", 3, "Nhung", 3, "Phương", 3, "Thủy", 4, "Yến", 3, "Hạnh", 3, "Dung", 3,
	"Loan", 2, "Oanh", 2, "Vân", 3, "Anh", 4, "Chi", 2, "Giang", 3, "Thúy", 3, "Hiền", 3, "Quỳnh", 2,
	"Trâm", 1, "Nhi", 2, "Tuyết", 2, "Liên", 2, "Hồng", 2, "Ly", 2, "Nhàn", 1, "Thơm", 1, "Lành", 1,
)

// Province codes of CCCD numbers: people here were mostly registered at birth in Thanh Hóa (038).
var provinceCodes = table(
	"038", 86.0, "001", 2.5, "040", 2.5, "037", 1.5, "036", 1.0, "034", 1.0, "035", 0.7, "042", 0.8,
	"031", 0.8, "022", 0.5, "079", 1.2, "026", 0.5, "045", 0.5,
)

// Mobile prefixes (Viettel, VinaPhone, MobiFone, Vietnamobile, Gmobile), roughly by market share.
var mobilePrefixes = table(
	"086", 3, "096", 5, "097", 6, "098", 6, "032", 3, "033", 3, "034", 3, "035", 3, "036", 3, "037", 3,
	"038", 3, "039", 3, "088", 2, "091", 4, "094", 3, "081", 1, "082", 1, "083", 1, "084", 1, "085", 1,
	"089", 1, "090", 3, "093", 2, "070", 1, "076", 1, "077", 1, "078", 1, "079", 1, "092", 1, "056", 0.5,
	"058", 0.5, "099", 0.3, "059", 0.3,
)

// Villages (thôn) of the demo commune.
var villages = []string{
	"Thôn Đông Hải", "Thôn Văn Phú", "Thôn Phú Xá", "Thôn Tân Lập", "Thôn Hợp Thành", "Thôn Yên Lược",
	"Thôn Bái Đông", "Thôn Trung Tiến", "Thôn Chính Kiện", "Thôn Thịnh Hòa", "Thôn Đại Đồng", "Thôn Nhuệ Sâm",
}

// Places outside the commune, for the applicants who do not live there.
var elsewhere = []string{
	"xã Đông Quang, tỉnh Thanh Hóa", "xã Đông Thanh, tỉnh Thanh Hóa", "xã Thiệu Hóa, tỉnh Thanh Hóa",
	"phường Hạc Thành, tỉnh Thanh Hóa", "phường Quảng Phú, tỉnh Thanh Hóa", "phường Đông Sơn, tỉnh Thanh Hóa",
	"xã Triệu Sơn, tỉnh Thanh Hóa", "phường Sầm Sơn, tỉnh Thanh Hóa", "xã Nông Cống, tỉnh Thanh Hóa",
	"phường Bỉm Sơn, tỉnh Thanh Hóa", "phường Hoàng Mai, thành phố Hà Nội", "xã Diễn Châu, tỉnh Nghệ An",
}

var streets = []string{"Lê Lai", "Trần Phú", "Lê Hoàn", "Bà Triệu", "Quang Trung", "Nguyễn Trãi", "Phan Chu Trinh", "Hải Thượng Lãn Ông"}

// addresses is every address the generator uses, built once: the address of a dossier is then a
// pick, not a string built per dossier.
var addresses = func() []string {
	var out []string
	for _, v := range villages {
		out = append(out, v+", xã Đông Tiến, tỉnh Thanh Hóa")
	}
	return out
}()

var otherAddresses = func() []string {
	var out []string
	for i, e := range elsewhere {
		if strings.HasPrefix(e, "phường") {
			out = append(out, "Số "+itoa(12+7*i)+" đường "+streets[i%len(streets)]+", "+e)
		} else {
			out = append(out, "Thôn "+itoa(1+i%9)+", "+e)
		}
	}
	return out
}()

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

var bizKinds = []string{"Công ty TNHH Thương mại", "Công ty TNHH Xây dựng", "Công ty TNHH Dịch vụ", "Công ty TNHH Vận tải",
	"Công ty TNHH Nông sản", "Công ty Cổ phần Thương mại và Dịch vụ", "Công ty TNHH MTV Xăng dầu", "Hợp tác xã Nông nghiệp"}
var bizNames = []string{"Hoàng Long", "Minh Phát", "Đông Tiến", "Thành Đạt", "An Phú", "Hưng Thịnh", "Phú Gia", "Tân Phát",
	"Việt Thắng", "Hải Đăng", "Quang Minh", "Bảo An", "Trường Sơn", "Lam Sơn", "Sông Mã", "Hàm Rồng"}

var businesses = func() []string {
	out := make([]string, 0, len(bizKinds)*len(bizNames))
	for _, k := range bizKinds {
		for _, n := range bizNames {
			out = append(out, k+" "+n)
		}
	}
	return out
}()

// people generates applicants. It keeps one builder so a name costs one allocation.
type people struct {
	r      *rand.Rand
	year   int // the current year: birth years are before it
	b      strings.Builder
	digits [12]byte
}

// name makes a full name; male is the sex it was drawn for.
func (g *people) name() (name string, male bool) {
	r := g.r
	male = r.IntN(2) == 0
	g.b.Reset()
	g.b.Grow(32)
	g.b.WriteString(familyNames.pick(r))
	var middle, given string
	if male {
		middle, given = maleMiddle.pick(r), maleGiven.pick(r)
	} else {
		middle, given = femaleMiddle.pick(r), femaleGiven.pick(r)
	}
	g.b.WriteByte(' ')
	g.b.WriteString(middle)
	if !male && middle == "Thị" && r.IntN(100) < 15 {
		if second := femaleSecond.pick(r); second != given {
			g.b.WriteByte(' ')
			g.b.WriteString(second)
		}
	}
	if given == middle {
		given = "Anh"
		if male {
			given = "Tuấn"
		}
	}
	g.b.WriteByte(' ')
	g.b.WriteString(given)
	return g.b.String(), male
}

// citizenID is a 12-digit CCCD: province of birth registration, century-and-sex digit, the last
// two digits of the birth year, then six random digits.
func (g *people) citizenID(male bool) string {
	r := g.r
	age := 18 + int(r.ExpFloat64()*16)
	if age > 85 {
		age = 18 + r.IntN(50)
	}
	year := g.year - age
	code := provinceCodes.pick(r)
	d := g.digits[:]
	copy(d, code)
	c := (year - 1900) / 100 * 2
	if !male {
		c++
	}
	d[3] = byte('0' + c)
	d[4] = byte('0' + year%100/10)
	d[5] = byte('0' + year%10)
	for i := 6; i < 12; i++ {
		d[i] = byte('0' + r.IntN(10))
	}
	return string(d)
}

func (g *people) phone() string {
	d := g.digits[:10]
	copy(d, mobilePrefixes.pick(g.r))
	for i := 3; i < 10; i++ {
		d[i] = byte('0' + g.r.IntN(10))
	}
	return string(d)
}

func (g *people) address() string {
	if g.r.IntN(100) < 88 {
		return addresses[g.r.IntN(len(addresses))]
	}
	return otherAddresses[g.r.IntN(len(otherAddresses))]
}

var mailDomains = []string{"@gmail.com", "@gmail.com", "@gmail.com", "@yahoo.com", "@outlook.com"}

// email derives an address from a name: "Nguyễn Văn Đức" → nguyenvanduc1985@gmail.com.
func (g *people) email(name, idNo string) string {
	g.b.Reset()
	for _, tok := range vntext.Tokens(name) {
		g.b.WriteString(tok)
	}
	if len(idNo) == 12 {
		g.b.WriteString(idNo[4:6])
	}
	g.b.WriteString(mailDomains[g.r.IntN(len(mailDomains))])
	return g.b.String()
}

// person is a citizen applicant.
func (g *people) person(online bool) data.Person {
	name, male := g.name()
	p := data.Person{Type: data.ApplicantCitizen, Name: name, IDNo: g.citizenID(male), Address: g.address()}
	if g.r.IntN(100) < 93 {
		p.Phone = g.phone()
	}
	if online && g.r.IntN(100) < 40 {
		p.Email = g.email(name, p.IDNo)
	}
	return p
}

// business is a business applicant (no CCCD: its tax code, 28… for Thanh Hóa) and the person
// who represents it at the counter.
func (g *people) business() (data.Person, *data.Person) {
	d := g.digits[:10]
	d[0], d[1] = '2', '8'
	for i := 2; i < 10; i++ {
		d[i] = byte('0' + g.r.IntN(10))
	}
	p := data.Person{Type: data.ApplicantBusiness, Name: businesses[g.r.IntN(len(businesses))], IDNo: string(d),
		Phone: g.phone(), Address: g.address()}
	rep := g.person(false)
	rep.Type = 0
	rep.Address = ""
	return p, &rep
}
