# Drives a command through a real pseudo-terminal, as a person at a terminal would: waits for each prompt,
# then types the next chunk of keys. Used by tests of interactive commands (cairn console).
# Usage: python3 pty-drive.py KEYS_JSON PROMPT_REGEX TIMEOUT_S -- CMD ARGS...
# KEYS_JSON is a JSON list of strings; before each is typed, the output must show one more match of
# PROMPT_REGEX than before. Prints {"output": ..., "exit": N} as JSON on stdout.
import json, os, pty, re, select, sys, time

keys = json.loads(sys.argv[1])
prompt = re.compile(sys.argv[2].encode())
timeout = float(sys.argv[3])
cmd = sys.argv[5:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(cmd[0], cmd)
out = b""
alive = True

def read_some(wait):
    global out, alive
    r, _, _ = select.select([fd], [], [], wait)
    if r:
        try:
            data = os.read(fd, 65536)
        except OSError:
            data = b""
        if not data:
            alive = False
        out += data

for i, k in enumerate(keys):
    deadline = time.time() + timeout
    while alive and len(prompt.findall(out)) <= i and time.time() < deadline:
        read_some(0.1)
    if not alive:
        break
    os.write(fd, k.encode())
deadline = time.time() + timeout
while alive and time.time() < deadline:
    read_some(0.1)
_, status = os.waitpid(pid, 0)
print(json.dumps({"output": out.decode("utf-8", "replace"), "exit": os.waitstatus_to_exitcode(status)}))
