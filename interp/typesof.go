package interp

import (
	"go/constant"
	"go/token"
	"go/types"
	"path"
	"reflect"
	"sort"
	"strings"
	"sync"
)

// reflectTypes builds go/types packages from yaegi's symbol tables (the
// reflect values of every compiled package cells see), so that the unit
// pass can type-check cells with go/types: export data of the compiled
// packages is not available at run time, their reflect types are. A
// package is built on first import and kept; parameter names and
// generic functions, which reflect does not have, are missing.
type reflectTypes struct {
	mu    sync.Mutex
	syms  map[string]map[string]reflect.Value // import path → symbols
	pkgs  map[string]*types.Package           // built (or started) packages
	full  map[string]bool                     // packages whose symbols are all in
	named map[reflect.Type]*types.Named
}

func newReflectTypes(syms map[string]map[string]reflect.Value) *reflectTypes {
	return &reflectTypes{syms: syms, pkgs: map[string]*types.Package{}, full: map[string]bool{}, named: map[reflect.Type]*types.Named{}}
}

// Import implements types.Importer.
func (rt *reflectTypes) Import(p string) (*types.Package, error) {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	return rt.complete(p), nil
}

// pkg returns the package of path p, possibly without its symbols yet.
func (rt *reflectTypes) pkg(p string) *types.Package {
	if pk, ok := rt.pkgs[p]; ok {
		return pk
	}
	pk := types.NewPackage(p, path.Base(p))
	rt.pkgs[p] = pk
	return pk
}

// complete declares every symbol of package p.
func (rt *reflectTypes) complete(p string) *types.Package {
	pk := rt.pkg(p)
	if rt.full[p] {
		return pk
	}
	rt.full[p] = true
	syms := rt.syms[p]
	names := make([]string, 0, len(syms))
	for n := range syms {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if strings.HasPrefix(n, "_") || pk.Scope().Lookup(n) != nil {
			continue
		}
		if obj := rt.object(pk, n, syms[n]); obj != nil {
			pk.Scope().Insert(obj)
		}
	}
	pk.MarkComplete()
	return pk
}

// object converts one symbol: a type ((*T)(nil)), a variable
// (addressable), a function, or a constant (constant.Value when untyped).
func (rt *reflectTypes) object(pk *types.Package, name string, v reflect.Value) types.Object {
	if !v.IsValid() {
		return nil
	}
	if c, ok := v.Interface().(constant.Value); ok && !v.CanAddr() {
		return types.NewConst(token.NoPos, pk, name, untypedOf(c), c)
	}
	t := v.Type()
	switch {
	case v.CanAddr():
		return types.NewVar(token.NoPos, pk, name, rt.typ(t))
	case t.Kind() == reflect.Pointer && v.IsNil():
		tt := rt.typ(t.Elem())
		if n, ok := tt.(*types.Named); ok && n.Obj().Name() == name && n.Obj().Pkg() == pk {
			return n.Obj()
		}
		return types.NewTypeName(token.NoPos, pk, name, tt) // an alias
	case t.Kind() == reflect.Func:
		return types.NewFunc(token.NoPos, pk, name, rt.typ(t).(*types.Signature))
	}
	if c := constOf(v); c != nil {
		return types.NewConst(token.NoPos, pk, name, rt.typ(t), c)
	}
	return types.NewVar(token.NoPos, pk, name, rt.typ(t))
}

func untypedOf(c constant.Value) types.Type {
	switch c.Kind() {
	case constant.Bool:
		return types.Typ[types.UntypedBool]
	case constant.String:
		return types.Typ[types.UntypedString]
	case constant.Int:
		return types.Typ[types.UntypedInt]
	case constant.Complex:
		return types.Typ[types.UntypedComplex]
	}
	return types.Typ[types.UntypedFloat]
}

// constOf is the constant value of a typed constant symbol (time.Second).
func constOf(v reflect.Value) constant.Value {
	switch v.Kind() {
	case reflect.Bool:
		return constant.MakeBool(v.Bool())
	case reflect.String:
		return constant.MakeString(v.String())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return constant.MakeInt64(v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return constant.MakeUint64(v.Uint())
	case reflect.Float32, reflect.Float64:
		return constant.MakeFloat64(v.Float())
	}
	return nil
}

var basicKinds = map[reflect.Kind]types.BasicKind{
	reflect.Bool: types.Bool, reflect.Int: types.Int, reflect.Int8: types.Int8, reflect.Int16: types.Int16,
	reflect.Int32: types.Int32, reflect.Int64: types.Int64, reflect.Uint: types.Uint, reflect.Uint8: types.Uint8,
	reflect.Uint16: types.Uint16, reflect.Uint32: types.Uint32, reflect.Uint64: types.Uint64,
	reflect.Uintptr: types.Uintptr, reflect.Float32: types.Float32, reflect.Float64: types.Float64,
	reflect.Complex64: types.Complex64, reflect.Complex128: types.Complex128, reflect.String: types.String,
	reflect.UnsafePointer: types.UnsafePointer,
}

var errorType = reflect.TypeOf((*error)(nil)).Elem()

// typ converts a reflect type; named types are built once, with their
// methods.
func (rt *reflectTypes) typ(t reflect.Type) types.Type {
	if t == errorType {
		return types.Universe.Lookup("error").Type()
	}
	if t.Name() != "" && t.PkgPath() != "" {
		return rt.namedType(t)
	}
	if b, ok := basicKinds[t.Kind()]; ok && t.PkgPath() == "" {
		return types.Typ[b]
	}
	return rt.structure(t)
}

func (rt *reflectTypes) namedType(t reflect.Type) types.Type {
	if n, ok := rt.named[t]; ok {
		return n
	}
	pk := rt.pkg(t.PkgPath())
	tn := types.NewTypeName(token.NoPos, pk, t.Name(), nil)
	n := types.NewNamed(tn, nil, nil)
	rt.named[t] = n
	if pk.Scope().Lookup(t.Name()) == nil {
		pk.Scope().Insert(tn)
	}
	n.SetUnderlying(rt.structure(t).Underlying())
	if t.Kind() != reflect.Interface {
		rt.methods(n, t)
	}
	return n
}

// methods declares the exported methods of t and *t on n.
func (rt *reflectTypes) methods(n *types.Named, t reflect.Type) {
	value := map[string]bool{}
	for i := 0; i < t.NumMethod(); i++ {
		value[t.Method(i).Name] = true
	}
	pt := reflect.PointerTo(t)
	for i := 0; i < pt.NumMethod(); i++ {
		m := pt.Method(i)
		var recv types.Type = n
		if !value[m.Name] {
			recv = types.NewPointer(n)
		}
		sig := rt.signature(m.Type, 1, types.NewVar(token.NoPos, n.Obj().Pkg(), "", recv))
		n.AddMethod(types.NewFunc(token.NoPos, n.Obj().Pkg(), m.Name, sig))
	}
}

// signature converts a func type, skipping its first skip parameters
// (a method's receiver).
func (rt *reflectTypes) signature(t reflect.Type, skip int, recv *types.Var) *types.Signature {
	var params, results []*types.Var
	for i := skip; i < t.NumIn(); i++ {
		params = append(params, types.NewParam(token.NoPos, nil, "", rt.typ(t.In(i))))
	}
	for i := 0; i < t.NumOut(); i++ {
		results = append(results, types.NewParam(token.NoPos, nil, "", rt.typ(t.Out(i))))
	}
	return types.NewSignatureType(recv, nil, nil, types.NewTuple(params...), types.NewTuple(results...), t.IsVariadic())
}

// structure converts the structure of t (its underlying type).
func (rt *reflectTypes) structure(t reflect.Type) types.Type {
	if b, ok := basicKinds[t.Kind()]; ok {
		return types.Typ[b]
	}
	switch t.Kind() {
	case reflect.Pointer:
		return types.NewPointer(rt.typ(t.Elem()))
	case reflect.Slice:
		return types.NewSlice(rt.typ(t.Elem()))
	case reflect.Array:
		return types.NewArray(rt.typ(t.Elem()), int64(t.Len()))
	case reflect.Map:
		return types.NewMap(rt.typ(t.Key()), rt.typ(t.Elem()))
	case reflect.Chan:
		dir := types.SendRecv
		switch t.ChanDir() {
		case reflect.SendDir:
			dir = types.SendOnly
		case reflect.RecvDir:
			dir = types.RecvOnly
		}
		return types.NewChan(dir, rt.typ(t.Elem()))
	case reflect.Func:
		return rt.signature(t, 0, nil)
	case reflect.Struct:
		var fields []*types.Var
		var tags []string
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			var pk *types.Package
			if f.PkgPath != "" {
				pk = rt.pkg(f.PkgPath)
			}
			fields = append(fields, types.NewField(token.NoPos, pk, f.Name, rt.typ(f.Type), f.Anonymous))
			tags = append(tags, string(f.Tag))
		}
		return types.NewStruct(fields, tags)
	case reflect.Interface:
		var ms []*types.Func
		for i := 0; i < t.NumMethod(); i++ {
			m := t.Method(i)
			var pk *types.Package
			if m.PkgPath != "" {
				pk = rt.pkg(m.PkgPath)
			}
			ms = append(ms, types.NewFunc(token.NoPos, pk, m.Name, rt.signature(m.Type, 0, nil)))
		}
		return types.NewInterfaceType(ms, nil).Complete()
	}
	return types.Typ[types.Invalid]
}
