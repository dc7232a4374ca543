package app

import (
	"errors"

	"fyne.io/fyne/v2/container"
)

// The catalog's pictures: the procedures tab, and the year view of the working calendar.
func init() {
	shellShots = append(shellShots,
		shellShot{file: "catalog.png", user: "admin", show: func(u *ui) error { return showCatalogTab(u, 0) }},
		shellShot{file: "catalog-calendar.png", user: "admin", show: func(u *ui) error { return showCatalogTab(u, 3) }},
	)
}

// showCatalogTab opens the catalog on tab i.
func showCatalogTab(u *ui, i int) error {
	if !u.shell.showSection(sectionCatalog) {
		return errors.New("the catalog is not open to this user")
	}
	tabs, ok := u.shell.screens[sectionCatalog].(*container.AppTabs)
	if !ok {
		return errors.New("the catalog section is not the catalog screen")
	}
	tabs.SelectIndex(i)
	return nil
}
