package app

import (
	"net/url"
	"regexp"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"motcua/docs"
)

// guideSection is one "## " chapter of the user guide; the text before the first one is the
// introduction with the table of contents.
type guideSection struct {
	title   string
	body    string   // Markdown, the chapter's heading included
	anchors []string // the link targets of its headings, as GitHub spells them ("#4-tiếp-nhận-hồ-sơ")
}

// splitGuide cuts the guide into its chapters. The pictures are left out: the guide names them
// by a path beside the Markdown file, which the program does not ship (docs/screenshots).
func splitGuide(md string) []guideSection {
	md = guideImage.ReplaceAllString(md, "")
	// "Quản trị → Cơ quan": the text font has no arrow glyph, it has the single guillemet
	md = strings.ReplaceAll(md, "→", "›")
	var out []guideSection
	var cur *guideSection
	inFence := false
	for _, line := range strings.SplitAfter(md, "\n") {
		if strings.HasPrefix(line, "```") {
			inFence = !inFence
		}
		heading, level := "", 0
		if !inFence {
			heading, level = headingOf(line)
		}
		if cur == nil || level == 2 {
			title := heading
			if cur == nil && level != 2 {
				title = lang.L("Introduction")
				if level == 1 {
					title = heading
				}
			}
			out = append(out, guideSection{title: title})
			cur = &out[len(out)-1]
		}
		if level > 0 {
			cur.anchors = append(cur.anchors, "#"+headingAnchor(heading))
		}
		cur.body += line
	}
	return out
}

// guideImage is a picture on a line of its own: ![caption](screenshots/x.png).
var guideImage = regexp.MustCompile(`(?m)^!\[[^\]]*\]\([^)]*\)[ \t]*\n?`)

// headingOf returns the text and level of a Markdown "#" heading line, or level 0.
func headingOf(line string) (string, int) {
	line = strings.TrimRight(line, "\r\n")
	level := 0
	for level < len(line) && line[level] == '#' {
		level++
	}
	if level == 0 || level > 6 || level >= len(line) || line[level] != ' ' {
		return "", 0
	}
	return strings.TrimSpace(line[level:]), level
}

// headingAnchor is the link target GitHub gives a heading (the guide's own links use it):
// lower case, punctuation dropped, spaces made dashes; accented letters stay.
func headingAnchor(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(heading) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == '-' || r == '_':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}

// guideView is the user guide: its chapters on the left, the chosen one on the right.
type guideView struct {
	sections []guideSection
	chapters *widget.List
	text     *widget.RichText
	scroll   *container.Scroll
	content  fyne.CanvasObject
	current  int
}

func newGuideView(md string) *guideView {
	g := &guideView{sections: splitGuide(md), current: -1}
	g.text = widget.NewRichText()
	g.text.Wrapping = fyne.TextWrapWord
	g.scroll = container.NewVScroll(g.text)
	g.chapters = widget.NewList(
		func() int { return len(g.sections) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(g.sections[i].title) },
	)
	g.chapters.OnSelected = func(i widget.ListItemID) { g.open(i) }
	split := container.NewHSplit(g.chapters, g.scroll)
	split.Offset = 0.3
	g.content = split
	g.chapters.Select(0)
	return g
}

// open shows chapter i from its top (UI thread).
func (g *guideView) open(i int) {
	if i < 0 || i >= len(g.sections) || i == g.current {
		return
	}
	g.current = i
	g.text.Segments = g.readable(widget.NewRichTextFromMarkdown(g.sections[i].body).Segments)
	g.text.Refresh()
	g.scroll.ScrollToTop()
	g.chapters.Select(i)
}

// follow opens the chapter holding the heading a link of the guide points to (UI thread).
func (g *guideView) follow(anchor string) {
	for i, s := range g.sections {
		for _, a := range s.anchors {
			if a == anchor {
				g.open(i)
				return
			}
		}
	}
}

// readable adapts the parsed guide to the window: Fyne's monospace font lacks many Vietnamese
// letters, so code is drawn in the text font; links inside the guide open their chapter, links
// to other files of the source (docs/ADMIN.md) are plain text.
func (g *guideView) readable(segs []widget.RichTextSegment) []widget.RichTextSegment {
	for i, seg := range segs {
		switch s := seg.(type) {
		case *widget.TextSegment:
			s.Style.TextStyle.Monospace = false
		case *widget.CodeBlockSegment:
			style := widget.RichTextStyleCodeBlock
			style.TextStyle.Monospace = false
			segs[i] = &widget.TextSegment{Style: style, Text: s.Text}
		case *widget.HyperlinkSegment:
			switch {
			case s.URL == nil:
				segs[i] = &widget.TextSegment{Style: widget.RichTextStyleInline, Text: s.Text}
			case s.URL.Scheme == "" && s.URL.Path == "" && s.URL.Fragment != "":
				anchor := "#" + s.URL.Fragment
				s.OnTapped = func() { g.follow(anchor) }
			case !externalLink(s.URL):
				segs[i] = &widget.TextSegment{Style: widget.RichTextStyleInline, Text: s.Text}
			}
		case *widget.ParagraphSegment:
			s.Texts = g.readable(s.Texts)
		case *widget.ListSegment:
			s.Items = g.readable(s.Items)
		case *widget.TableSegment:
			segs[i] = g.tableList(s)
		}
	}
	return segs
}

// tableList writes a table as a list, one item a row: "first cell — Header 2: cell; Header 3:
// cell". A table's cells do not wrap, and the guide's tables are wider than the window.
func (g *guideView) tableList(t *widget.TableSegment) *widget.ListSegment {
	header := func(c int) string {
		if c >= len(t.Headers) {
			return ""
		}
		var b strings.Builder
		for _, seg := range t.Headers[c] {
			b.WriteString(seg.Textual())
		}
		return strings.TrimSpace(b.String())
	}
	list := &widget.ListSegment{}
	for _, row := range t.Rows {
		var texts []widget.RichTextSegment
		for c, cell := range row {
			if c > 0 {
				sep := "; "
				if c == 1 {
					sep = " — "
				}
				if h := header(c); h != "" {
					sep += h + ": "
				}
				texts = append(texts, &widget.TextSegment{Style: widget.RichTextStyleInline, Text: sep})
			}
			texts = append(texts, g.readable(cell)...)
		}
		list.Items = append(list.Items, &widget.ParagraphSegment{Texts: texts})
	}
	return list
}

func externalLink(u *url.URL) bool { return u.Scheme == "http" || u.Scheme == "https" }

// showGuide opens the user guide shipped inside the program, in a window of its own so that it
// stays beside the work; a second call brings it forward (UI thread).
func (u *ui) showGuide() {
	if u.guide != nil {
		u.guide.Show()
		u.guide.RequestFocus()
		return
	}
	g := newGuideView(docs.Guide)
	w := u.app.NewWindow(lang.L("User guide") + " — " + appName)
	w.SetContent(g.content)
	w.Resize(fyne.NewSize(900, 640))
	w.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyEscape {
			w.Close()
		}
	})
	w.SetOnClosed(func() {
		if u.guide == w {
			u.guide, u.guideView = nil, nil
		}
	})
	u.guide, u.guideView = w, g
	w.Show()
}
