package app

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"motcua/cli"
	"motcua/data"
	"motcua/reports"
)

// The CLI and the detail screen print every form of a dossier under the same file name, the one
// the forms table gives, so an officer finds a form by the same name whichever printed it.
func TestCLIAndAppNameAFormTheSame(t *testing.T) {
	u, _ := openDemo(t, 20)
	st := u.currentStore()
	ctx := context.Background()
	refused, err := st.Refuse(ctx, data.System, data.Reception{Procedure: "1.001193",
		Applicant: data.Person{Type: data.ApplicantCitizen, Name: "Lê Thị Bình", IDNo: "001090654321"}}, "Không thuộc thẩm quyền")
	if err != nil {
		t.Fatal(err)
	}
	late := detailDossier(t, st, data.StatusProcessing)
	apology, err := st.Record(ctx, data.System, late.ID, &data.ApologyIssued{Reason: "Cần xác minh thêm", NewDue: late.Due.AddDate(0, 0, 7)})
	if err != nil {
		t.Fatal(err)
	}
	ids := []*data.Dossier{detailDossier(t, st, data.StatusSupplement), detailDossier(t, st, data.StatusStopped),
		apology.Dossier, refused.Dossier}
	seen := map[string]bool{}
	for _, d := range ids {
		s, prints := openDetail(t, u, "tiepnhan1", d.ID)
		for n, b := range s.printBtn {
			f, _ := reports.FormByNumber(n)
			seen[n] = true
			before := len(*prints)
			test.Tap(b)
			u.wait()
			if len(*prints) != before+1 {
				t.Fatalf("form %s of %s: the detail printed nothing (%q)", n, d.Code, s.problem.Text)
			}
			app := filepath.Base((*prints)[before].path)
			code := d.Code
			if code == "" {
				code = d.ID.String()
			}
			out := t.TempDir()
			var stdout, stderr bytes.Buffer
			if rc := cli.Main([]string{"print", "--data", filepath.Dir(st.Path()), "--code", code, "--out", out, f.Name}, &stdout, &stderr); rc != 0 {
				t.Fatalf("motcua print %s --code %s: exit %d: %s", f.Name, code, rc, stderr.String())
			}
			files, err := os.ReadDir(out)
			if err != nil {
				t.Fatal(err)
			}
			if len(files) != 1 || files[0].Name() != app || app != f.FileName(d) {
				t.Errorf("form %s of %q: the app wrote %s, the CLI %v, the table says %s", n, code, app, files, f.FileName(d))
			}
		}
	}
	for _, f := range reports.Forms {
		if n := f.Number; !seen[n] {
			t.Errorf("form %s never offered", n)
		}
	}
}
