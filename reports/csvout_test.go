package reports

import (
	"bytes"
	"testing"
)

func TestCSVQuotingAndNumbers(t *testing.T) {
	r := &Report{Tables: []*Table{{Name: "Thử", Cols: []Col{col("Tên", 1), col("Số", 1), col("Tiền", 1), col("Tỷ lệ", 1), col("Điểm", 1)},
		Rows: [][]Cell{
			{cText(`Nguyễn Văn "Đức", thôn Đông` + "\n" + "xã Tây"), cCount(1572), cMoney(10_327_000_000), cPct(ptr(94.2)), cDec(8.5)},
			{cText("Nguye\u0302\u0303n"), cCount(0), cMoney(0), cBlank(KindPercent), cBlank(KindDecimal)},
		}}}}
	b := rpWrite(t, r, FormatCSV)
	want := "\uFEFFTên,Số,Tiền,Tỷ lệ,Điểm\r\n\"Nguyễn Văn \"\"Đức\"\", thôn Đông\r\nxã Tây\",1572,10327000000,94.2,8.5\r\nNguyễn,0,0,,\r\n"
	if !bytes.Equal(b, []byte(want)) {
		t.Errorf("CSV\n got %q\nwant %q", b, want)
	}
	recs := rpCSV(t, b)
	if len(recs) != 3 || recs[1][0] != "Nguyễn Văn \"Đức\", thôn Đông\nxã Tây" {
		t.Errorf("records %q", recs)
	}
}
