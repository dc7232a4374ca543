package reports

// The layout engine of forms 01–03: text in runs of styles, flowed in a column (around the
// receipt's codes), measured dry before it is drawn, with tables, headers and signatures.

import (
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"motcua/data/vntext"
)

// ofPainter lays text out in a column and either draws it or, dry, only measures it: the receipt
// measures a copy at several sizes before drawing it at the largest that fits. Text flows around a
// box at the top right (the codes) while y is above exBottom. In flow mode it breaks pages;
// otherwise the caller has measured that everything fits.
type ofPainter struct {
	pdf  *gofpdf.Fpdf
	dry  bool
	x, w float64
	y    float64

	exTop, exBottom, exW float64

	flow        bool
	top, bottom float64
	onBreak     func()

	inks *[]rcInk

	widths map[ofTok]int // glyph-unit width of each word by style, for every size: w = units × size / 1000
}

func (p *ofPainter) font(style string, size float64) { p.pdf.SetFont(family, style, size) }

func (p *ofPainter) ink(x, y, w, h float64, what string) {
	if p.inks != nil && !p.dry {
		*p.inks = append(*p.inks, rcInk{page: p.pdf.PageNo(), x: x, y: y, w: w, h: h, what: what})
	}
}

// need makes room for h mm: in flow mode a new page when the current one is full.
func (p *ofPainter) need(h float64) bool {
	if !p.flow || p.y+h <= p.bottom || p.y <= p.top {
		return false
	}
	if !p.dry {
		p.pdf.AddPage()
	}
	p.y, p.exBottom = p.top, 0
	if p.onBreak != nil {
		f := p.onBreak
		p.onBreak = nil // the continuation line itself never breaks again
		f()
		p.onBreak = f
	}
	return true
}

// widthAt is the column's width for a line from y to y+h.
func (p *ofPainter) widthAt(y, h float64) float64 {
	if y < p.exBottom && y+h > p.exTop {
		return p.w - p.exW
	}
	return p.w
}

// ofTok is a word with its style; sp marks a space before it.
type ofTok struct {
	style, text string
	sp          bool
}

func ofTokens(runs []ofRun) []ofTok {
	var toks []ofTok
	space := false
	for _, r := range runs {
		t := ofClean(r.text)
		if t == "" {
			continue
		}
		if strings.HasPrefix(t, " ") {
			space = true
		}
		if r.keep && strings.TrimSpace(t) != "" {
			toks = append(toks, ofTok{style: r.style, text: strings.Join(strings.Fields(t), " "), sp: space})
			space = strings.HasSuffix(t, " ")
			continue
		}
		for _, w := range strings.Fields(t) {
			toks = append(toks, ofTok{style: r.style, text: w, sp: space})
			space = true
		}
		space = strings.HasSuffix(t, " ")
	}
	return toks
}

// textW is the width of s in style at size, in mm. Widths are linear in the size (gofpdf does no
// kerning), so each word is measured once in glyph units however many sizes the receipt tries.
func (p *ofPainter) textW(style, s string, size float64) float64 {
	key := ofTok{style: style, text: s}
	u, ok := p.widths[key]
	if !ok {
		if p.widths == nil {
			p.widths = map[ofTok]int{}
		}
		p.font(style, size)
		u = p.pdf.GetStringSymbolWidth(s)
		p.widths[key] = u
	}
	return float64(u) * size / 1000 * 25.4 / 72
}

// nextLine takes as many tokens as fit in maxW; a word longer than a whole line is cut.
func (p *ofPainter) nextLine(toks []ofTok, maxW, size float64) (line, rest []ofTok, w float64) {
	for i, t := range toks {
		sp := 0.0
		if t.sp && len(line) > 0 {
			sp = p.textW(t.style, " ", size)
		}
		tw := p.textW(t.style, t.text, size)
		if w+sp+tw <= maxW+0.01 {
			line = append(line, t)
			w += sp + tw
			continue
		}
		if len(line) > 0 {
			return line, toks[i:], w
		}
		if words := strings.Fields(t.text); len(words) > 1 {
			// A phrase kept together that is wider than a whole line: let it wrap after all.
			split := make([]ofTok, 0, len(words)+len(toks)-i-1)
			for j, wd := range words {
				split = append(split, ofTok{style: t.style, text: wd, sp: j > 0 || t.sp})
			}
			return p.nextLine(append(split, toks[i+1:]...), maxW, size)
		}
		// One word wider than the line: cut it where it stops fitting.
		rs := []rune(t.text)
		n := 1
		for n < len(rs) && p.textW(t.style, string(rs[:n+1]), size) <= maxW {
			n++
		}
		head := ofTok{style: t.style, text: string(rs[:n]), sp: t.sp}
		rest = append([]ofTok{{style: t.style, text: string(rs[n:])}}, toks[i+1:]...)
		if n == len(rs) {
			rest = toks[i+1:]
		}
		return []ofTok{head}, rest, p.textW(t.style, head.text, size)
	}
	return line, nil, w
}

// drawLine writes a line of tokens at (x, y) in a line box of height lh.
func (p *ofPainter) drawLine(line []ofTok, x, y, lh, size float64) {
	if p.dry || len(line) == 0 {
		return
	}
	base := y + lh/2 + 0.3*size*25.4/72
	var sb strings.Builder
	style := line[0].style
	cx := x
	flush := func() {
		if sb.Len() == 0 {
			return
		}
		s := sb.String()
		p.font(style, size)
		p.pdf.Text(cx, base, s)
		w := p.pdf.GetStringWidth(s)
		p.ink(cx, y, w, lh, "text")
		cx += w
		sb.Reset()
	}
	for i, t := range line {
		if t.style != style {
			flush()
			style = t.style
			if t.sp && i > 0 {
				cx += p.textW(style, " ", size)
			}
		} else if t.sp && i > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(t.text)
	}
	flush()
}

// para writes runs as a wrapped paragraph, left ("L") or right ("R") aligned.
func (p *ofPainter) para(runs []ofRun, size, lh float64, align string) {
	toks := ofTokens(runs)
	for len(toks) > 0 {
		p.need(lh)
		maxW := p.widthAt(p.y, lh)
		var line []ofTok
		var w float64
		line, toks, w = p.nextLine(toks, maxW, size)
		x := p.x
		if align == "R" {
			x += maxW - w
		}
		p.drawLine(line, x, p.y, lh, size)
		p.y += lh
	}
}

// pairs writes items two to a line, in two columns, where both of a pair fit in half the
// column; the others get a paragraph each.
func (p *ofPainter) pairs(items [][]ofRun, size, lh float64) {
	half := p.w / 2
	fits := func(runs []ofRun) bool {
		_, rest, _ := p.nextLine(ofTokens(runs), half-3, size)
		return len(rest) == 0
	}
	for i := 0; i < len(items); i++ {
		if i+1 < len(items) && p.widthAt(p.y, lh) == p.w && fits(items[i]) && fits(items[i+1]) {
			p.need(lh)
			for k, it := range items[i : i+2] {
				line, _, _ := p.nextLine(ofTokens(it), half-3, size)
				p.drawLine(line, p.x+float64(k)*half, p.y, lh, size)
			}
			p.y += lh
			i++
			continue
		}
		p.para(items[i], size, lh, "L")
	}
}

// lines wraps text in one style to width w.
func (p *ofPainter) lines(style, text string, size, w float64) ([][]ofTok, []float64) {
	toks := ofTokens([]ofRun{{style: style, text: text}})
	var ls [][]ofTok
	var ws []float64
	for len(toks) > 0 {
		var l []ofTok
		var lw float64
		l, toks, lw = p.nextLine(toks, w, size)
		ls = append(ls, l)
		ws = append(ws, lw)
	}
	return ls, ws
}

// centeredAt writes text centred in [x, x+w] from y down and returns the y below it.
func (p *ofPainter) centeredAt(style string, size, lh float64, text string, x, w, y float64) float64 {
	ls, ws := p.lines(style, text, size, w)
	for i, l := range ls {
		p.drawLine(l, x+(w-ws[i])/2, y, lh, size)
		y += lh
	}
	return y
}

// centered writes text centred in [x, x+w] at p.y and moves below it.
func (p *ofPainter) centered(style string, size, lh float64, text string, x, w float64) {
	ls, ws := p.lines(style, text, size, w)
	for i, l := range ls {
		p.need(lh)
		p.drawLine(l, x+(w-ws[i])/2, p.y, lh, size)
		p.y += lh
	}
}

// hline draws a line from x0 to x1 at y.
func (p *ofPainter) hline(x0, x1, y float64) {
	if !p.dry {
		p.pdf.SetLineWidth(0.25)
		p.pdf.Line(x0, y, x1, y)
	}
	p.ink(x0, y-0.125, x1-x0, 0.25, "line")
}

// header is Doc.Header at size s: governing body, issuing unit and "Số: …" at the left; the
// national motto and "<place>, ngày … tháng … năm …" at the right.
func (p *ofPainter) header(st Settings, number string, date time.Time, s float64) {
	lw := p.w * 0.43
	rw := p.w - lw
	nat := "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	hs := s
	for hs > 6 && p.textW("B", nat, hs) > rw-1 {
		hs -= 0.25
	}
	lh := hs * 0.43
	y0 := p.y
	yl := p.centeredAt("", hs, lh, strings.ToUpper(st.GoverningBody), p.x, lw, y0)
	yl = p.centeredAt("B", hs, lh, strings.ToUpper(st.OfficeName), p.x, lw, yl)
	p.hline(p.x+lw*0.35, p.x+lw*0.65, yl+0.9)
	yl += 1.8
	if number != "" {
		yl = p.centeredAt("", hs, lh, "Số: "+number, p.x, lw, yl)
	}
	xr := p.x + lw
	yr := p.centeredAt("B", hs, lh, nat, xr, rw, y0)
	motto := "Độc lập - Tự do - Hạnh phúc"
	yr = p.centeredAt("B", hs+0.5, lh, motto, xr, rw, yr)
	mw := p.textW("B", ofClean(motto), hs+0.5)
	p.hline(xr+(rw-mw)/2, xr+(rw+mw)/2, yr+0.9)
	yr += 1.8
	yr = p.centeredAt("I", hs, lh, vntext.PlaceDate(st.Place, date), xr, rw, yr)
	p.y = max(yl, yr) + 2
}

// table draws a bordered table across the column, the header row shaded and repeated after a
// page break.
func (p *ofPainter) table(cols []Column, rows [][]string, size float64) {
	total := 0.0
	for _, c := range cols {
		total += c.Width
	}
	widths := make([]float64, len(cols))
	for i, c := range cols {
		widths[i] = c.Width * p.w / total
	}
	headers := make([]string, len(cols))
	for i, c := range cols {
		headers[i] = c.Header
	}
	p.tableRow(cols, widths, headers, size, true)
	for _, r := range rows {
		p.tableRow(cols, widths, r, size, false)
	}
}

func (p *ofPainter) tableRow(cols []Column, widths []float64, cells []string, size float64, header bool) {
	const pad = 0.5
	lh := size * 0.42
	style := ""
	if header {
		style = "B"
	}
	wrapped := make([][][]ofTok, len(cols))
	ws := make([][]float64, len(cols))
	n := 1
	for i := range cols {
		text := ""
		if i < len(cells) {
			text = cells[i]
		}
		wrapped[i], ws[i] = p.lines(style, text, size, widths[i]-2*pad)
		n = max(n, len(wrapped[i]))
	}
	h := float64(n)*lh + 2*pad
	if p.need(h) && !header {
		headers := make([]string, len(cols))
		for i, c := range cols {
			headers[i] = c.Header
		}
		p.tableRow(cols, widths, headers, size, true)
	}
	x := p.x
	for i := range cols {
		w := widths[i]
		if !p.dry {
			p.pdf.SetLineWidth(0.2)
			if header {
				p.pdf.SetFillColor(235, 235, 235)
				p.pdf.Rect(x, p.y, w, h, "FD")
			} else {
				p.pdf.Rect(x, p.y, w, h, "D")
			}
		}
		align := cols[i].Align
		if header {
			align = "C"
		}
		for j, l := range wrapped[i] {
			lx := x + pad
			switch align {
			case "C":
				lx = x + (w-ws[i][j])/2
			case "R":
				lx = x + w - pad - ws[i][j]
			}
			p.drawLine(l, lx, p.y+pad+float64(j)*lh, lh, size)
		}
		x += w
	}
	p.y += h
}

// signatures draws signature blocks side by side, kept together: title, note, signing space, name.
func (p *ofPainter) signatures(blocks []Sign, s, space float64) {
	w := p.w / float64(len(blocks))
	lh := s * 0.43
	// Measure the tallest block to keep them on one page.
	height := func() float64 {
		hmax := 0.0
		for _, b := range blocks {
			h := 0.0
			ls, _ := p.lines("B", strings.ToUpper(b.Title), s, w-2)
			h += float64(len(ls)) * lh
			if b.Note != "" {
				ls, _ = p.lines("I", b.Note, s-1.5, w-2)
				h += float64(len(ls)) * (s - 1.5) * 0.43
			}
			h += space
			ls, _ = p.lines("B", b.Name, s, w-2)
			h += float64(len(ls)) * lh
			hmax = max(hmax, h)
		}
		return hmax
	}
	p.need(height())
	y0 := p.y
	yName := y0
	for i, b := range blocks {
		x := p.x + float64(i)*w
		y := p.centeredAt("B", s, lh, strings.ToUpper(b.Title), x+1, w-2, y0)
		if b.Note != "" {
			y = p.centeredAt("I", s-1.5, (s-1.5)*0.43, b.Note, x+1, w-2, y)
		}
		yName = max(yName, y)
	}
	yName += space
	yEnd := yName
	for i, b := range blocks {
		x := p.x + float64(i)*w
		yEnd = max(yEnd, p.centeredAt("B", s, lh, b.Name, x+1, w-2, yName))
	}
	p.y = yEnd
}
