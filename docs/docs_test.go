package docs

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// The guide shipped in the program is the guide of the source tree, with its chapters.
func TestGuideEmbedded(t *testing.T) {
	raw, err := os.ReadFile("HUONG-DAN.md")
	if err != nil {
		t.Fatal(err)
	}
	if Guide != string(raw) {
		t.Fatal("the embedded guide differs from HUONG-DAN.md")
	}
	for _, h := range []string{"## 4. Tiếp nhận hồ sơ", "## 7. Trả kết quả và đánh giá sự hài lòng", "## 13. Câu hỏi thường gặp"} {
		if !strings.Contains(Guide, "\n"+h+"\n") {
			t.Errorf("the guide lacks %q", h)
		}
	}
}

// README's command table is one table: a blank line inside it ends the table, and the rows after
// it (sync, enroll) were shown as plain text.
func TestReadmeCommandTableWhole(t *testing.T) {
	raw, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	start := strings.Index(text, "| Lệnh | Việc làm |")
	if start < 0 {
		t.Fatal("README has no command table")
	}
	var rows []string
	for _, line := range strings.Split(text[start:], "\n") {
		if !strings.HasPrefix(line, "|") {
			break
		}
		rows = append(rows, line)
	}
	table := strings.Join(rows, "\n")
	for _, cmd := range []string{"motcua demo", "motcua print book", "motcua report", "motcua sync", "motcua enroll"} {
		if !strings.Contains(table, "`"+cmd) {
			t.Errorf("%q is not a row of the command table", cmd)
		}
	}
	if n := strings.Count(text, "`motcua sync"); n != 1 {
		t.Errorf("`motcua sync` appears %d times", n)
	}
}

// README asks a newcomer for two commands to set up: make run and make test.
func TestReadmeTwoSetupCommands(t *testing.T) {
	raw, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	setup := regexp.MustCompile("(?s)## Cài đặt / Setup.*?```sh\n(.*?)```").FindStringSubmatch(string(raw))
	if setup == nil {
		t.Fatal("README has no set-up block")
	}
	var cmds []string
	for _, line := range strings.Split(strings.TrimSpace(setup[1]), "\n") {
		cmds = append(cmds, strings.Fields(line)[0]+" "+strings.Fields(line)[1])
	}
	if strings.Join(cmds, ", ") != "make run, make test" {
		t.Errorf("set-up commands: %v", cmds)
	}
}

// goComments gives every comment block of the Go files of the repository, as one line of text per
// block (consecutive "//" lines joined), with the file and line where it starts.
func goComments(t *testing.T) []comment {
	t.Helper()
	var out []comment
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != ".." && (strings.HasPrefix(name, ".") || name == "testdata" || name == "dist" || name == "bin") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var cur *comment
		for i, line := range strings.Split(string(raw), "\n") {
			text, ok := strings.CutPrefix(strings.TrimSpace(line), "//")
			if !ok || strings.HasPrefix(text, "go:") { // a directive (//go:embed X.md) is no comment
				cur = nil
				continue
			}
			if cur == nil {
				out = append(out, comment{file: path, line: i + 1})
				cur = &out[len(out)-1]
			}
			cur.text += " " + strings.TrimSpace(text)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 100 {
		t.Fatalf("only %d comment blocks found: is the walk at the repository's root?", len(out))
	}
	return out
}

type comment struct {
	file string
	line int
	text string
}

// A reference in a comment: the path of a Markdown file under docs/, then an optional #anchor, then sections (§4, §7–§8)
// and quoted names ("Limits") separated by commas or spaces.
var (
	docRef     = regexp.MustCompile(`docs/([A-Za-z0-9_-]+\.md)(#[^\s),;]+)?((?:[\s,]*(?:§\d+(?:[–-]§?\d+)?|"[^"]+"))*)`)
	sectionRef = regexp.MustCompile(`§(\d+)`)
	quotedRef  = regexp.MustCompile(`"([^"]+)"`)
	// bareDoc is a Markdown file named without its folder: a reader cannot tell where it is,
	// and this test cannot check it.
	bareDoc  = regexp.MustCompile(`(?:^|[^/\w.-])([A-Z][A-Za-z-]*\.md)\b`)
	issueRef = regexp.MustCompile(`(?i)\bissue\s+#?\d+`)
)

// mdDoc is one Markdown file of docs/: its headings and text.
type mdDoc struct {
	text     string
	headings []string
}

func readDoc(t *testing.T, cache map[string]*mdDoc, name string) *mdDoc {
	if d, ok := cache[name]; ok {
		return d
	}
	raw, err := os.ReadFile(name)
	if err != nil {
		cache[name] = nil
		return nil
	}
	d := &mdDoc{text: string(raw)}
	inFence := false
	for _, line := range strings.Split(d.text, "\n") {
		if strings.HasPrefix(line, "```") {
			inFence = !inFence
		}
		if !inFence && strings.HasPrefix(line, "#") {
			d.headings = append(d.headings, strings.TrimSpace(strings.TrimLeft(line, "#")))
		}
	}
	cache[name] = d
	return d
}

// hasSection reports whether the document has a heading numbered n ("## 7. Early, on time, late").
func (d *mdDoc) hasSection(n string) bool {
	for _, h := range d.headings {
		if strings.HasPrefix(h, n+". ") {
			return true
		}
	}
	return false
}

// hasName reports whether name is a heading of the document, or part of one, or a bold lead
// ("**Một chương trình ghi.**").
func (d *mdDoc) hasName(name string) bool {
	for _, h := range d.headings {
		if strings.Contains(h, name) {
			return true
		}
	}
	return strings.Contains(d.text, "**"+name)
}

// slug is GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens.
func slug(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(heading) {
		switch {
		case r == ' ':
			b.WriteRune('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (d *mdDoc) hasAnchor(anchor string) bool {
	for _, h := range d.headings {
		if slug(h) == anchor {
			return true
		}
	}
	return false
}

// Comments point to the documents of docs/, and what they cite is there: the file, its numbered
// section (§n), the heading or bold lead they quote, the anchor they link. They cite no issue:
// a reader of the repository has the documents, not the tracker.
func TestCommentReferencesExist(t *testing.T) {
	cache := map[string]*mdDoc{}
	refs := 0
	for _, c := range goComments(t) {
		at := fmt.Sprintf("%s:%d", c.file, c.line)
		for _, m := range docRef.FindAllStringSubmatch(c.text, -1) {
			refs++
			d := readDoc(t, cache, m[1])
			if d == nil {
				t.Errorf("%s cites docs/%s, which does not exist", at, m[1])
				continue
			}
			if m[2] != "" && !d.hasAnchor(strings.TrimPrefix(m[2], "#")) {
				t.Errorf("%s cites docs/%s%s: no heading has that anchor", at, m[1], m[2])
			}
			for _, s := range sectionRef.FindAllStringSubmatch(m[3], -1) {
				if !d.hasSection(s[1]) {
					t.Errorf("%s cites docs/%s §%s: no heading %q", at, m[1], s[1], s[1]+". …")
				}
			}
			for _, q := range quotedRef.FindAllStringSubmatch(m[3], -1) {
				if !d.hasName(q[1]) {
					t.Errorf("%s cites docs/%s, %q: no heading or bold lead says so", at, m[1], q[1])
				}
			}
		}
		for _, m := range bareDoc.FindAllStringSubmatch(c.text, -1) {
			t.Errorf("%s names %s without its folder: cite docs/%s", at, m[1], m[1])
		}
		if m := issueRef.FindString(c.text); m != "" {
			t.Errorf("%s cites %q: point to docs/ instead", at, m)
		}
	}
	if refs < 30 {
		t.Errorf("only %d references to docs/ found in comments", refs)
	}
}

// Links between the documents land on a file and a heading that exist.
func TestDocLinksExist(t *testing.T) {
	cache := map[string]*mdDoc{}
	link := regexp.MustCompile(`\]\(([A-Za-z0-9_./-]*\.md)?(#[^)\s]+)?\)`)
	files, err := filepath.Glob("*.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		d := readDoc(t, cache, f)
		for _, m := range link.FindAllStringSubmatch(d.text, -1) {
			target := f
			if m[1] != "" {
				target = filepath.Clean(m[1])
			}
			if m[1] == "" && m[2] == "" {
				continue
			}
			td := readDoc(t, cache, target)
			if td == nil {
				t.Errorf("%s links to %s, which does not exist", f, m[1])
				continue
			}
			if m[2] != "" && !td.hasAnchor(strings.TrimPrefix(m[2], "#")) {
				t.Errorf("%s links to %s%s: no heading has that anchor", f, target, m[2])
			}
		}
	}
}
