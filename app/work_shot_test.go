package app

// work.png: the Xử lý list of an officer of the Tư pháp - Hộ tịch unit.
func init() {
	shellShots = append(shellShots, shellShot{file: "work.png", user: "tuphap1", show: func(u *ui) error {
		u.shell.showSection(sectionProcessing)
		return nil
	}})
}
