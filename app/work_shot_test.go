package app

// work.png: the Xử lý list of an officer of the Tư pháp - Hộ tịch unit.
func init() {
	shellShots = append(shellShots, shellShot{file: "work.png", user: "tuphap1", show: func(u *ui) error {
		inLine(u, func() { u.shell.showSection(sectionProcessing) })
		return nil
	}})
}

// inLine runs fn with the background work it starts done in line. Fyne's test driver runs
// fyne.Do on the calling goroutine, so work finishing on another goroutine would lay out and
// measure text while the shot's own code does: the text shaper does not take that.
func inLine(u *ui, fn func()) {
	spawn := u.work.start
	u.work.start = inline
	defer func() { u.work.start = spawn }()
	fn()
}

// inline runs background work on the calling goroutine (Options.spawn, worker.start).
func inline(fn func()) { fn() }
