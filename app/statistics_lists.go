package app

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
	"motcua/data/vntext"
)

// fieldCell is one cell of the table by field: the periodic report's columns and the on-time
// rate.
func fieldCell(name string, f data.Figures, col int) string {
	switch col {
	case 0:
		return name
	case 1:
		return count(f.ReceivedTotal)
	case 2:
		return count(f.ResolvedTotal)
	case 3:
		return count(f.ResolvedEarly)
	case 4:
		return count(f.ResolvedOnTime)
	case 5:
		return count(f.ResolvedLate)
	case 6:
		return count(f.PendingTotal)
	case 7:
		return count(f.PendingOverdue)
	case 8:
		return percentOrDash(f.ResolvedEarly+f.ResolvedOnTime, f.ResolvedTotal)
	}
	return ""
}

// buildFields is the tab of the table by field, with a total row.
func (s *statsScreen) buildFields() fyne.CanvasObject {
	cols := []statsColumn{
		{lang.L("Field"), 215, false},
		{lang.L("Received"), 95, true},
		{lang.L("Resolved"), 120, true},
		{verdictName(data.Early), 95, true},
		{verdictName(data.OnTime), 95, true},
		{verdictName(data.Late), 85, true},
		{lang.L("Being processed"), 135, true},
		{verdictName(data.Overdue), 85, true},
		{lang.L("On-time rate"), 130, true},
	}
	s.fieldTable = newStatsTable(cols,
		func() int {
			if s.shown == nil {
				return 0
			}
			return len(s.fields) + 1
		},
		func(row, col int) string {
			if row == len(s.fields) {
				return fieldCell(lang.L("Total"), s.fieldTotal, col)
			}
			return fieldCell(s.fields[row].Name, s.fields[row].Figures, col)
		},
		func(row int) bool { return row == len(s.fields) })
	note := widget.NewLabel(lang.L("Received includes the dossiers carried over from the previous period; being processed and overdue are counted at the end of the period."))
	note.Truncation = fyne.TextTruncateEllipsis // a wrapped label in a border overlaps the table
	note.SizeName = theme.SizeNameCaptionText
	return container.NewBorder(nil, note, nil, nil, s.fieldTable)
}

// lateCell is one cell of the late list: what the leader reads first (which dossier, why late)
// on the left, the unit last.
func (s *statsScreen) lateCell(row, col int) string {
	l := s.late[row]
	switch col {
	case 0:
		return l.Code
	case 1:
		return l.Applicant
	case 2:
		return l.Procedure
	case 3:
		if !l.Apologised {
			return lang.L("No apology letter yet")
		}
		reason := l.Reason
		if l.ApologyNo != "" {
			reason += " " + lang.L("(letter no. {{.No}})", map[string]any{"No": l.ApologyNo})
		}
		return reason
	case 4:
		if l.Due.IsZero() {
			return lang.L("No deadline")
		}
		return clock(l.Due)
	case 5:
		return clock(l.Finished)
	case 6:
		if l.Apologised {
			return vntext.Date(l.NewDue)
		}
	case 7:
		return l.Unit
	}
	return ""
}

// buildLate is the tab of the dossiers resolved late, with the reasons given in the apology
// letters; clicking a line opens the dossier.
func (s *statsScreen) buildLate() fyne.CanvasObject {
	cols := []statsColumn{
		{lang.L("Dossier code"), 215, false},
		{lang.L("Applicant"), 140, false},
		{lang.L("Procedure"), 180, false},
		{lang.L("Reason, apology letter"), 250, false},
		{lang.L("Deadline"), 135, false},
		{lang.L("Finished"), 135, false},
		{lang.L("New return date"), 120, false},
		{lang.L("Unit"), 200, false},
	}
	s.lateTable = newStatsTable(cols, func() int { return len(s.late) }, s.lateCell, nil)
	s.lateTable.OnSelected = func(id widget.TableCellID) {
		s.lateTable.UnselectAll() // a second click on the same line opens it again
		if id.Row >= 0 && id.Row < len(s.late) {
			s.deps.findDossier(s.late[id.Row].Code)
		}
	}
	s.lateNote = widget.NewLabel("")
	s.lateNote.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(s.lateNote, nil, nil, nil, s.lateTable)
}

// decimal writes an index or a score with a decimal comma.
func decimal(v float64) string {
	return strings.Replace(strconv.FormatFloat(v, 'f', 1, 64), ".", ",", 1)
}

// staffCell is one cell of the staff evaluation: the score right after the name.
func (s *statsScreen) staffCell(row, col int) string {
	r := s.staff[row]
	sc := r.Officer
	switch col {
	case 0:
		return r.Name
	case 1:
		return decimal(sc.Score)
	case 2:
		return count(sc.Handled)
	case 3:
		return count(r.ResolvedEarly)
	case 4:
		return count(r.ResolvedOnTime)
	case 5:
		return count(sc.Late)
	case 6:
		return percentOrDash(r.ResolvedEarly+r.ResolvedOnTime, r.ResolvedTotal)
	case 7:
		return decimal(sc.Index1)
	case 8:
		return decimal(sc.Index3)
	case 9:
		return decimal(sc.Index7)
	}
	return ""
}

// twoLines breaks text after its first sentence: the note above a table is one label that
// truncates (a wrapping label in a border overlaps the table), and one line cut the indices'
// explanation short.
func twoLines(text string) string {
	if i := strings.Index(text, ". "); i > 0 {
		return text[:i+1] + "\n" + text[i+2:]
	}
	return text
}

// buildStaff is the tab of the staff evaluation (docs/DOMAIN.md §8).
func (s *statsScreen) buildStaff() fyne.CanvasObject {
	// as narrow as their titles allow: every column shows in the 1280-pixel first window
	cols := []statsColumn{
		{lang.L("Official"), 170, false},
		{lang.L("Score (/10)"), 90, true},
		{lang.L("Dossiers"), 70, true},
		{verdictName(data.Early), 95, true},
		{verdictName(data.OnTime), 90, true},
		{verdictName(data.Late), 80, true},
		{lang.L("On-time rate"), 125, true},
		{lang.L("Index 1"), 80, true},
		{lang.L("Index 3"), 80, true},
		{lang.L("Index 7"), 80, true},
	}
	s.staffTable = newStatsTable(cols, func() int { return len(s.staff) }, s.staffCell, nil)
	s.staffNote = widget.NewLabel("")
	s.staffNote.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(s.staffNote, nil, nil, nil, s.staffTable)
}
