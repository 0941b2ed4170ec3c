package units

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// LoadCSV reads the columns of a text file of numbers, as numpy's
// np.loadtxt(path, delimiter=",", unpack=True) does, giving column k the
// unit colUnits[k]: LoadCSV("trace.csv", ms, mV) reads times in ms and
// voltages in mV. Without units every column is dimensionless; otherwise
// there must be one unit (a Quantifier or a plain number) per column.
// Values are separated by commas, or by white space in lines without a
// comma; lines starting with '#' and blank lines are skipped, and a first
// line that is not numbers names the columns.
func LoadCSV(path string, colUnits ...any) ([]Array, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("LoadCSV: %w", err)
	}
	defer f.Close()
	cols, err := ReadCSV(f, colUnits...)
	if err != nil {
		return nil, fmt.Errorf("LoadCSV: %s: %w", path, err)
	}
	return cols, nil
}

// ReadCSV is LoadCSV from a reader.
func ReadCSV(r io.Reader, colUnits ...any) ([]Array, error) {
	var names []string
	var cols [][]float64
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<24)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || text[0] == '#' {
			continue
		}
		fields := splitFields(text)
		if cols == nil && names == nil && !numeric(fields[0]) {
			names = fields
			continue
		}
		if cols == nil {
			cols = make([][]float64, len(fields))
		}
		if len(fields) != len(cols) {
			return nil, fmt.Errorf("line %d has %d values, the first row has %d", line, len(fields), len(cols))
		}
		for k, s := range fields {
			x, err := strconv.ParseFloat(s, 64)
			if err != nil {
				return nil, fmt.Errorf("line %d, column %d: %q is not a number", line, k+1, s)
			}
			cols[k] = append(cols[k], x)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if cols == nil {
		cols = make([][]float64, len(names))
	}
	if names != nil && len(names) != len(cols) {
		return nil, fmt.Errorf("the header names %d columns, the rows have %d", len(names), len(cols))
	}
	if len(colUnits) > 0 && len(colUnits) != len(cols) {
		return nil, fmt.Errorf("%d units for %d columns", len(colUnits), len(cols))
	}
	out := make([]Array, len(cols))
	for k, c := range cols {
		a := Array{v: c}
		if c == nil {
			a.v = []float64{}
		}
		if len(colUnits) > 0 {
			u, err := Of(colUnits[k])
			if err != nil || colUnits[k] == nil {
				return nil, fmt.Errorf("the unit of column %d: want a quantity or a number, got %T", k+1, colUnits[k])
			}
			a = a.Times(u)
		}
		if names != nil {
			a.name = names[k]
		}
		out[k] = a
	}
	return out, nil
}

func splitFields(text string) []string {
	if !strings.Contains(text, ",") {
		return strings.Fields(text)
	}
	fs := strings.Split(text, ",")
	for i, f := range fs {
		fs[i] = strings.TrimSpace(f)
	}
	return fs
}

func numeric(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

// SaveCSV writes arrays as the columns of a comma-separated file, as
// numpy's np.savetxt(path, np.column_stack(cols), delimiter=",",
// header=…) does: column k in unit colUnits[k] (every column dimensionless
// when colUnits is empty), values in numpy's "%.18e" format, after a "# "
// header line of the columns' names and units ("t (ms), v (mV)") that
// LoadCSV skips.
func SaveCSV(path string, cols []Array, colUnits ...any) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("SaveCSV: %w", err)
	}
	if err := WriteCSV(f, cols, colUnits...); err != nil {
		f.Close()
		return fmt.Errorf("SaveCSV: %s: %w", path, err)
	}
	return f.Close()
}

// WriteCSV is SaveCSV to a writer.
func WriteCSV(w io.Writer, cols []Array, colUnits ...any) error {
	if len(colUnits) > 0 && len(colUnits) != len(cols) {
		return fmt.Errorf("%d units for %d columns", len(colUnits), len(cols))
	}
	data := make([][]float64, len(cols))
	head := make([]string, len(cols))
	for k, c := range cols {
		var u any = 1.0
		if len(colUnits) > 0 {
			u = colUnits[k]
		}
		v, err := c.Convert(u)
		if err != nil {
			return fmt.Errorf("column %d: %w", k+1, err)
		}
		if k > 0 && len(v) != len(data[0]) {
			return fmt.Errorf("column %d has %d values, column 1 has %d", k+1, len(v), len(data[0]))
		}
		data[k] = v
		head[k] = columnHead(c, k, u)
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# %s\n", strings.Join(head, ", "))
	for i := 0; len(data) > 0 && i < len(data[0]); i++ {
		for k := range data {
			if k > 0 {
				bw.WriteByte(',')
			}
			bw.WriteString(strconv.FormatFloat(data[k][i], 'e', 18, 64))
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// columnHead names a column and its unit: "v (mV)".
func columnHead(c Array, k int, u any) string {
	name := c.name
	if name == "" {
		name = fmt.Sprintf("column %d", k+1)
	}
	q, _ := Of(u)
	if q.Dim.IsDimensionless() && q.Value == 1 {
		return name
	}
	if un, ok := unitNamed(q); ok {
		return name + " (" + un + ")"
	}
	return name + " (" + q.String() + ")"
}

// unitNamed returns the display name of a unit whose value is q exactly.
func unitNamed(q Quantity) (string, bool) {
	if u, ok := BestUnit(q); ok && u.Scale == q.Value {
		return u.Display, true
	}
	return "", false
}
