package app

import (
	"fmt"

	"fyne.io/fyne/v2/test"
)

// reception.png: a receptionist has picked the birth registration and typed the applicant; the
// checklist, the fees and the due date are filled in.
func init() {
	shellShots = append(shellShots, shellShot{file: "reception.png", user: "tiepnhan1", show: func(u *ui) error {
		if !u.shell.showSection(sectionReception) || u.reception == nil {
			return fmt.Errorf("no reception screen")
		}
		r := u.reception
		r.wait()
		test.Type(r.search, "khai sinh")
		r.wait()
		for i, p := range r.matches {
			if p.Code == "1.001193" {
				r.list.Select(i)
				r.wait()
				fillApplicant(r, "001090123456")
				r.wait()
				return nil
			}
		}
		return fmt.Errorf("“khai sinh” did not list 1.001193")
	}})
}
