package reports

import (
	"context"
	"time"

	"motcua/data"
)

// Names turns the codes in a dossier's log into what a form prints.
type Names struct {
	Users map[string]string // username → full name
	Units map[string]string // unit code → unit name
}

// User is a username's full name (the username itself when unknown).
func (n Names) User(username string) string {
	if v := n.Users[username]; v != "" {
		return v
	}
	return username
}

// Unit is a unit's name; "" is the one-stop office itself.
func (n Names) Unit(code string) string {
	if code == "" {
		return "Bộ phận Một cửa"
	}
	if v := n.Units[code]; v != "" {
		return v
	}
	return code
}

// LoadNames reads the office's users and units.
func LoadNames(ctx context.Context, s *data.Store) (Names, error) {
	users, err := s.UserNames(ctx)
	if err != nil {
		return Names{}, err
	}
	units, err := s.Units(ctx)
	if err != nil {
		return Names{}, err
	}
	n := Names{Users: users, Units: map[string]string{}}
	for _, u := range units {
		n.Units[u.Code] = u.Name
	}
	return n, nil
}

// FormData is what a dossier's form is filled from: its state, its log, the names to print and
// the moment of printing (the date in the header).
type FormData struct {
	Dossier *data.Dossier
	Events  []data.Event
	Names   Names
	Now     time.Time
}
