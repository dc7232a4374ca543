package app

import "errors"

// statistics.png: a leader looks at the year to date.
func init() {
	shellShots = append(shellShots, shellShot{file: "statistics.png", user: "lanhdao1", show: func(u *ui) error {
		if !u.shell.showSection(sectionStatistics) {
			return errors.New("lanhdao1 cannot open the statistics")
		}
		v, ok := u.shell.screens[sectionStatistics].(*statsView)
		if !ok {
			return errors.New("the statistics section is not the statistics screen")
		}
		v.s.period.SetSelected("Từ đầu năm")
		return nil
	}})
}
