// Command gotemplate renders ApplicationSet templates the way Argo CD's
// ApplicationSet controller does, with the same engine: Go's text/template
// and the Sprig function map, minus env, expandenv and getHostByName, plus
// Argo CD's normalize (argo-cd applicationset/utils/utils.go: sprigFuncMap,
// Render.Replace, deeplyReplace, SanitizeName). It reads one JSON request on
// stdin and writes one JSON response on stdout, so the TypeScript checks in
// argocd/src call it once per ApplicationSet:
//
//	{"jobs": [
//	  {"tree": <any JSON>, "params": {...}, "options": ["missingkey=error"]},
//	  {"text": "...",      "params": {...}, "options": [...]},
//	  {"match": "<RE2>",   "subject": "..."}
//	]}
//
// "tree" templates every string value and every string map key (as
// deeplyReplace does), "text" one string (templatePatch), "match" is Go's
// regexp.MatchString (the SCM provider filters). Each job answers
// {"value": ...} or {"error": "..."}.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig/v3"
)

var funcMap = argoFuncMap()

func argoFuncMap() template.FuncMap {
	m := sprig.GenericFuncMap()
	// Argo CD: "Avoid allowing the user to learn things about the environment."
	delete(m, "env")
	delete(m, "expandenv")
	delete(m, "getHostByName")
	m["normalize"] = sanitizeName
	return template.FuncMap(m)
}

var invalidDNSNameChars = regexp.MustCompile("[^-a-z0-9.]")

// sanitizeName is Argo CD's SanitizeName: lower case, invalid characters to
// '-', at most 253 characters, no leading or trailing '-' or '.'.
func sanitizeName(name string) string {
	name = strings.ToLower(name)
	name = invalidDNSNameChars.ReplaceAllString(name, "-")
	if len(name) > 253 {
		name = name[:253]
	}
	return strings.Trim(name, "-.")
}

type job struct {
	Tree    *json.RawMessage `json:"tree"`
	Text    *string          `json:"text"`
	Match   *string          `json:"match"`
	Subject string           `json:"subject"`
	Params  json.RawMessage  `json:"params"`
	Options []string         `json:"options"`
}

type result struct {
	Value interface{} `json:"value"`
	Error string      `json:"error,omitempty"`
}

// replace is Argo CD's Render.Replace with useGoTemplate: parse, apply the
// goTemplateOptions, execute against the parameters.
func replace(text string, params map[string]interface{}, options []string) (string, error) {
	t, err := template.New("").Funcs(funcMap).Parse(text)
	if err != nil {
		return "", fmt.Errorf("failed to parse template %s: %w", text, err)
	}
	for _, option := range options {
		t = t.Option(option)
	}
	var out bytes.Buffer
	if err := t.Execute(&out, params); err != nil {
		return "", fmt.Errorf("failed to execute go template %s: %w", text, err)
	}
	return out.String(), nil
}

// deeplyReplace templates string values and string keys, recursively, and
// keeps everything else; JSON null values in maps are dropped like nil
// pointers are in Argo CD's reflection walk.
func deeplyReplace(v interface{}, params map[string]interface{}, options []string) (interface{}, error) {
	switch value := v.(type) {
	case string:
		return replace(value, params, options)
	case []interface{}:
		out := make([]interface{}, len(value))
		for i, item := range value {
			r, err := deeplyReplace(item, params, options)
			if err != nil {
				return nil, err
			}
			out[i] = r
		}
		return out, nil
	case map[string]interface{}:
		out := make(map[string]interface{}, len(value))
		for key, item := range value {
			if item == nil {
				continue
			}
			r, err := deeplyReplace(item, params, options)
			if err != nil {
				return nil, err
			}
			k, err := replace(key, params, options)
			if err != nil {
				return nil, err
			}
			out[k] = r
		}
		return out, nil
	default:
		return value, nil
	}
}

func decode(raw []byte) (interface{}, error) {
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber() // numbers stay exactly as written
	var v interface{}
	return v, d.Decode(&v)
}

// params decodes like Argo CD's generators do (encoding/json: numbers are float64).
func params(raw json.RawMessage) (map[string]interface{}, error) {
	p := map[string]interface{}{}
	if len(raw) == 0 {
		return p, nil
	}
	return p, json.Unmarshal(raw, &p)
}

func run(j job) result {
	p, err := params(j.Params)
	if err != nil {
		return result{Error: "params: " + err.Error()}
	}
	switch {
	case j.Tree != nil:
		tree, err := decode(*j.Tree)
		if err == nil {
			tree, err = deeplyReplace(tree, p, j.Options)
		}
		if err != nil {
			return result{Error: err.Error()}
		}
		return result{Value: tree}
	case j.Text != nil:
		text, err := replace(*j.Text, p, j.Options)
		if err != nil {
			return result{Error: err.Error()}
		}
		return result{Value: text}
	case j.Match != nil:
		matched, err := regexp.MatchString(*j.Match, j.Subject)
		if err != nil {
			return result{Error: err.Error()}
		}
		return result{Value: matched}
	}
	return result{Error: "a job needs tree, text or match"}
}

func main() {
	var request struct {
		Jobs []job `json:"jobs"`
	}
	d := json.NewDecoder(os.Stdin)
	d.UseNumber()
	if err := d.Decode(&request); err != nil {
		fmt.Fprintln(os.Stderr, "gotemplate: cannot read the request:", err)
		os.Exit(2)
	}
	results := make([]result, len(request.Jobs))
	for i, j := range request.Jobs {
		results[i] = run(j)
	}
	out := json.NewEncoder(os.Stdout)
	out.SetEscapeHTML(false)
	if err := out.Encode(map[string]interface{}{"results": results}); err != nil {
		fmt.Fprintln(os.Stderr, "gotemplate:", err)
		os.Exit(2)
	}
}
