package kernel

import "encoding/json"

// missingCode is the error of an execute_request whose content has no
// "code" (e.g. content {}): it is answered with an error reply, not run
// as an empty cell. ipykernel only logs such a request and answers
// nothing, which leaves a client waiting; a reply that says what is wrong
// is the clearer answer. The execution count does not advance.
func (k *Kernel) missingCode(r *request) bool {
	var fields map[string]json.RawMessage
	if json.Unmarshal(r.msg.Content, &fields) != nil {
		return false // decode reports it
	}
	if _, ok := fields["code"]; ok {
		return false
	}
	msg := `execute_request without "code" in its content`
	content := errorContent(&Error{Name: "BadRequest", Value: msg, Traceback: []string{"BadRequest: " + msg}})
	content["execution_count"] = k.count - 1
	content["user_expressions"] = map[string]any{}
	content["payload"] = []any{}
	k.logf("shell: %s", msg)
	r.reply("execute_reply", content)
	return true
}
