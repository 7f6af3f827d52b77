// Command argoDirectoryParse reads a plain-manifests directory the way Argo
// CD's repo server reads a Directory source, minus the git checkout: every
// *.yaml file, split into YAML documents, each converted to JSON objects
// (argo-cd reposerver/repository/repository.go findManifests → kube.SplitYAML,
// which decodes with sigs.k8s.io/yaml, itself go-yaml v2 plus a JSON
// conversion). Built from Debian's golang-gopkg-yaml.v2-dev in GOPATH mode
// by bench/kustomize.bench.ts. Prints the number of objects.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"gopkg.in/yaml.v2"
)

// toJSONable turns go-yaml v2's map[interface{}]interface{} into JSON maps, as sigs.k8s.io/yaml does.
func toJSONable(v interface{}) interface{} {
	switch x := v.(type) {
	case map[interface{}]interface{}:
		m := make(map[string]interface{}, len(x))
		for k, val := range x {
			m[fmt.Sprint(k)] = toJSONable(val)
		}
		return m
	case []interface{}:
		for i := range x {
			x[i] = toJSONable(x[i])
		}
		return x
	default:
		return v
	}
}

func main() {
	files, err := filepath.Glob(filepath.Join(os.Args[1], "*.yaml"))
	if err != nil {
		panic(err)
	}
	n := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			panic(err)
		}
		dec := yaml.NewDecoder(bytes.NewReader(data))
		for {
			var doc interface{}
			if err := dec.Decode(&doc); err == io.EOF {
				break
			} else if err != nil {
				fmt.Fprintln(os.Stderr, f, err)
				os.Exit(1)
			}
			if doc == nil {
				continue
			}
			js, err := json.Marshal(toJSONable(doc))
			if err != nil {
				panic(err)
			}
			var obj map[string]interface{}
			if err := json.Unmarshal(js, &obj); err != nil {
				panic(err)
			}
			n++
		}
	}
	fmt.Println(n)
}
