package docs

import (
	"os"
	"regexp"
	"strings"
	"testing"
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
