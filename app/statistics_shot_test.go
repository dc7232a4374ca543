package app

import "errors"

// statistics.png: a leader looks at the year to date; statistics-staff.png: the staff evaluation
// of the same period.
func init() {
	shellShots = append(shellShots, statisticsShot("statistics.png", false), statisticsShot("statistics-staff.png", true))
}

func statisticsShot(file string, staff bool) shellShot {
	return shellShot{file: file, user: "lanhdao1", show: func(u *ui) error {
		// Fyne's test driver runs fyne.Do on the goroutine that calls it: a query answering in
		// the background would lay out widgets while this goroutine lays out the screen.
		spawn := u.work.start
		u.work.start = inline
		defer func() { u.work.start = spawn }()
		if !u.shell.showSection(sectionStatistics) {
			return errors.New("lanhdao1 cannot open the statistics")
		}
		v, ok := u.shell.screens[sectionStatistics].(*statsView)
		if !ok {
			return errors.New("the statistics section is not the statistics screen")
		}
		v.s.period.SetSelected("Từ đầu năm")
		if staff {
			v.s.tabs.Select(v.s.staffTab)
		}
		return nil
	}}
}
