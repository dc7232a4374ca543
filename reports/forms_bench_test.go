package reports

import (
	"bytes"
	"fmt"
	"sort"
	"testing"
	"time"
)

func formsVerdict(ok bool) string {
	if ok {
		return "MET"
	}
	return "NOT MET"
}

// BenchmarkReceipt measures form 01 as the counter prints it: two copies on one A4 sheet, each with
// the dossier's QR code, the look-up QR code and a Code 128 barcode. Targets
// (docs/ARCHITECTURE.md §11): median ≤ 20 ms, file ≤ 80 KB.
func BenchmarkReceipt(b *testing.B) {
	fx := formsDemo(b)
	st := fx.st
	st.ReceiptLayout = ReceiptA4
	st.LookupURL = "https://dichvucong.thanhhoa.gov.vn/tra-cuu"
	// Different dossiers in turn, as at the counter (nothing carries over from one to the next).
	fds := append([]*FormData{fx.rep}, fx.received...)
	var buf bytes.Buffer
	times := make([]time.Duration, 0, b.N)
	size := 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		buf.Reset()
		start := time.Now()
		if err := Receipt(&buf, st, fds[i%len(fds)]); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(start))
		size = max(size, buf.Len())
	}
	b.StopTimer()
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	med := times[len(times)/2]
	ms := float64(med.Microseconds()) / 1000
	kb := float64(size) / 1024
	b.ReportMetric(ms, "ms-median")
	b.ReportMetric(kb, "KB")
	if b.N >= 20 {
		fmt.Printf("TARGET receipt: median %.1f ms (target ≤ 20 ms) %s\n", ms, formsVerdict(med <= 20*time.Millisecond))
		fmt.Printf("TARGET receipt size: %.1f KB (target ≤ 80 KB) %s\n", kb, formsVerdict(size <= 80*1024))
	}
}

// BenchmarkSupplementRefusal measures forms 02 and 03 (no target: they are one A4 page of text).
func BenchmarkSupplementRefusal(b *testing.B) {
	fx := formsDemo(b)
	var buf bytes.Buffer
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		buf.Reset()
		if err := Supplement(&buf, fx.st, fx.supp); err != nil {
			b.Fatal(err)
		}
		buf.Reset()
		if err := Refusal(&buf, fx.st, fx.refused); err != nil {
			b.Fatal(err)
		}
	}
}
