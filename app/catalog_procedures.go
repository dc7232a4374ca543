package app

import (
	"context"
	"fmt"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
	"motcua/data/vntext"
)

// catalogListLimit is how many procedures the list shows at most (a province has about 2,000;
// a search narrows them).
const catalogListLimit = 1000

// procTab is the Thủ tục tab: the procedures, searchable, each opening an edit box; and the CSV
// import.
type procTab struct {
	c       *catalogScreen
	content fyne.CanvasObject

	search    *widget.Entry
	count     *widget.Label
	table     *widget.Table
	importBtn *widget.Button
	rows      []data.Procedure
	seq       int       // the latest search; older answers are dropped
	edit      *procEdit // the edit box last opened (tests)
}

func newProcTab(c *catalogScreen) *procTab {
	t := &procTab{c: c}
	t.search = widget.NewEntry()
	t.search.SetPlaceHolder(lang.L("Search procedures by code or name"))
	t.search.OnChanged = func(string) { t.load() }
	t.count = widget.NewLabel("")
	t.importBtn = widget.NewButtonWithIcon(lang.L("Import from CSV"), theme.UploadIcon(), func() {
		c.deps.files.pickFile(lang.L("Import procedures from CSV"), []string{".csv"}, t.importCSV)
	})
	cols := []catalogColumn{
		{lang.L("Code"), 150}, {lang.L("Procedure"), 330}, {lang.L("Field"), 140}, {lang.L("Unit"), 85},
		{lang.L("Time limit"), 150}, {lang.L("Fees"), 100}, {lang.L("In use"), 75},
	}
	t.table = newCatalogTable(cols, func() int { return len(t.rows) }, t.cell, t.open)
	hint := widget.NewLabel(lang.L("Click a procedure to change its unit, time limit, fees, or whether it is in use."))
	hint.Importance = widget.LowImportance
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(t.count, t.importBtn), t.search),
		hint)
	t.content = container.NewBorder(container.NewPadded(top), nil, nil, nil, fillWidth(t.table, cols))
	return t
}

// cell is the text of one cell of the list.
func (t *procTab) cell(row, col int) (string, bool) {
	p := t.rows[row]
	var s string
	switch col {
	case 0:
		s = p.Code
	case 1:
		s = p.Name
	case 2:
		s = p.FieldName
	case 3:
		s = p.Unit
	case 4:
		s = limitText(p.Limit)
	case 5:
		s = feesText(p.Fees)
	case 6:
		s = lang.L("Yes")
		if !p.Active {
			s = lang.L("No")
		}
	}
	return s, !p.Active
}

// load lists the procedures matching the search box.
func (t *procTab) load() {
	t.seq++
	seq, q := t.seq, t.search.Text
	var found []data.Procedure
	t.c.query("Could not read the catalog", func(ctx context.Context) error {
		var err error
		found, err = t.c.store.CatalogProcedures(ctx, q, catalogListLimit)
		return err
	}, func() {
		if seq == t.seq {
			t.show(found)
		}
	})
}

// show lists found.
func (t *procTab) show(found []data.Procedure) {
	t.rows = found
	t.count.SetText(lang.L("{{.N}} procedures", map[string]any{"N": count(len(found))}))
	t.table.Refresh()
	t.table.ScrollToTop()
}

// open reads the whole procedure (documents and fees) and shows its edit box.
func (t *procTab) open(row int) {
	code := t.rows[row].Code
	var p *data.Procedure
	t.c.query("Could not read the catalog", func(ctx context.Context) error {
		var err error
		p, err = t.c.store.Procedure(ctx, code)
		return err
	}, func() { t.edit = newProcEdit(t, p) })
}

// importCSV imports the catalog file at path (all or nothing) and lists the result.
func (t *procTab) importCSV(path string) {
	st, actor := t.c.store, t.c.actor
	t.c.importFile(path, func(ctx context.Context, path string) (int, error) {
		f, err := os.Open(path)
		if err != nil {
			return 0, err
		}
		defer f.Close()
		return st.ImportCatalog(ctx, actor, f)
	}, "The file has an error: the catalog was not changed", "Imported {{.N}} procedures from {{.File}}.", func() {
		t.load()
		t.c.fields.load()
	})
}

// procEdit is the edit box of one procedure: its unit, time limit, fees and whether it is in use.
// The documents, the name and the field come from the catalog file and are kept as they are.
type procEdit struct {
	t         *procTab
	p         data.Procedure
	unit      *widget.Select
	unitCodes []string // the codes behind unit's options; "" is none
	limit     *keyEntry
	limitUnit *widget.Select
	fees      []*feeRow
	feesBox   *fyne.Container
	addFee    *widget.Button
	active    *widget.Check
	form      *catalogForm
}

// feeRow is one fee of the edit box.
type feeRow struct {
	name   *keyEntry
	amount *keyEntry
	stage  *widget.Select
	remove *widget.Button
	row    *fyne.Container
}

func newProcEdit(t *procTab, p *data.Procedure) *procEdit {
	e := &procEdit{t: t, p: *p}
	title := widget.NewLabelWithStyle(p.Code+" — "+p.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord

	options := []string{lang.L("(no default unit)")}
	e.unitCodes = []string{""}
	selected := 0
	for _, u := range t.c.units.rows {
		if !u.Active && u.Code != p.Unit {
			continue
		}
		if u.Code == p.Unit {
			selected = len(options)
		}
		options = append(options, u.Code+" — "+u.Name)
		e.unitCodes = append(e.unitCodes, u.Code)
	}
	if p.Unit != "" && selected == 0 { // a unit the list does not have (yet)
		selected = len(options)
		options = append(options, p.Unit)
		e.unitCodes = append(e.unitCodes, p.Unit)
	}
	e.unit = newBoxSelect(options, nil)
	e.unit.SetSelectedIndex(selected)

	e.limit = newKeyEntry()
	e.limit.SetText(limitValueText(p.Limit))
	e.limitUnit = newBoxSelect(limitUnitNames(), func(string) {
		if limitUnits[e.limitUnit.SelectedIndex()] == "" {
			e.limit.SetText("")
			e.limit.Disable()
		} else {
			e.limit.Enable()
		}
	})
	for i, u := range limitUnits {
		if u == p.Limit.Unit {
			e.limitUnit.SetSelectedIndex(i)
		}
	}
	if e.limitUnit.SelectedIndex() < 0 {
		e.limitUnit.SetSelectedIndex(len(limitUnits) - 1)
	}

	e.feesBox = container.NewVBox()
	for _, f := range p.Fees {
		e.addFeeRow(f)
	}
	e.addFee = newBoxButton(lang.L("Add a fee"), theme.ContentAddIcon(), func() {
		e.addFeeRow(data.ProcedureFee{Stage: data.FeeAtReception})
	})
	e.active = newBoxCheck(lang.L("In use (listed at the reception counter)"), nil)
	e.active.SetChecked(p.Active)

	field := p.FieldName
	if field == "" {
		field = "—"
	}
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel(lang.L("Field")), widget.NewLabel(field),
		widget.NewLabel(lang.L("Processing unit")), e.unit,
		widget.NewLabel(lang.L("Time limit")), container.NewGridWithColumns(2, e.limit, e.limitUnit),
		widget.NewLabel(lang.L("Fees")), container.NewVBox(e.feesBox, container.NewHBox(e.addFee)),
		widget.NewLabel(""), e.active,
	)
	body := container.NewVBox(title, form)
	e.form = t.c.editForm(lang.L("Edit the procedure"), body, lang.L("Save"), "Could not save the procedure", e.prepare, t.load)
	e.form.submitOnEnter(e.limit)
	return e
}

// addFeeRow adds a fee line to the box.
func (e *procEdit) addFeeRow(f data.ProcedureFee) {
	r := &feeRow{name: newKeyEntry(), amount: newKeyEntry(),
		stage: widget.NewSelect([]string{lang.L("At reception"), lang.L("At the return")}, nil)}
	r.name.SetPlaceHolder(lang.L("Fee name"))
	r.name.SetText(f.Name)
	r.amount.SetPlaceHolder("50.000")
	if f.Amount > 0 || f.Name != "" {
		r.amount.SetText(vntext.Thousands(f.Amount))
	}
	r.stage.SetSelectedIndex(0)
	if f.Stage == data.FeeAtReturn {
		r.stage.SetSelectedIndex(1)
	}
	r.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), nil)
	remove := r.remove
	h := r.amount.MinSize().Height
	r.row = container.NewBorder(nil, nil, nil, container.NewHBox(
		container.NewGridWrap(fyne.NewSize(110, h), r.amount),
		container.NewGridWrap(fyne.NewSize(170, h), r.stage), remove), r.name)
	remove.OnTapped = func() {
		for i, x := range e.fees {
			if x == r {
				e.fees = append(e.fees[:i], e.fees[i+1:]...)
				break
			}
		}
		e.feesBox.Remove(r.row)
	}
	e.fees = append(e.fees, r)
	e.feesBox.Add(r.row)
}

// prepare checks the box and returns the write (UI thread).
func (e *procEdit) prepare() (func(ctx context.Context) error, string) {
	p := e.p // documents, name, field and the rest stay as read
	p.Unit = e.unitCodes[max(e.unit.SelectedIndex(), 0)]
	l, err := parseLimitInput(e.limit.Text, limitUnits[max(e.limitUnit.SelectedIndex(), 0)])
	if err != nil {
		return nil, message(errorf("Time limit", err))
	}
	p.Limit = l
	p.Fees = nil
	for i, r := range e.fees {
		name := vntext.Clean(r.name.Text)
		if name == "" && strings.TrimSpace(r.amount.Text) == "" {
			continue // an empty line added and not used
		}
		if name == "" {
			return nil, lang.L("Fee {{.N}}: type its name", map[string]any{"N": i + 1})
		}
		amount, err := parseAmount(r.amount.Text)
		if err != nil {
			return nil, fmt.Sprintf("%s: %s", name, message(err))
		}
		stage := data.FeeAtReception
		if r.stage.SelectedIndex() == 1 {
			stage = data.FeeAtReturn
		}
		p.Fees = append(p.Fees, data.ProcedureFee{Name: name, Amount: amount, Stage: stage})
	}
	p.Active = e.active.Checked
	st, actor := e.t.c.store, e.t.c.actor
	return func(ctx context.Context) error {
		return st.PutProcedures(ctx, actor, []data.Procedure{p})
	}, ""
}
